using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using static Auth.Api.Tests.OAuth.DPoP.DPoPRequests;

namespace Auth.Api.Tests.OAuth.DPoP;

/// <summary>
/// DPoP (RFC 9449): openid-client binds its tokens to its key through PAR, the code flow, userinfo, refresh and a
/// client-credentials call to SCIM; then every way around the binding is tried — a bound token as Bearer, a proof
/// replayed (on this node and another), for another method or address, without ath, by another key, too old,
/// unsigned, with a private key, an unbound token as DPoP, a client that must use DPoP without it, a public client's
/// bound refresh token without its key.
/// </summary>
public sealed class DPoPTests(StoreKind store) : UserFlowTest(store)
{
    private Uri TokenEndpoint => At(Server.BaseAddress, "/oauth/token");

    private Uri ScimUsers => At(Server.BaseAddress, "/scim/v2/Users");

    private Uri UserInfo => At(Server.BaseAddress, "/oauth/userinfo");

    [Test]
    public async Task Openid_client_pushes_signs_in_and_gets_bound_tokens_that_work_at_userinfo_and_refresh()
    {
        var user = await CreateUserAsync();
        var start = await RunAsync("start", TestSeed.WebApp.Id, TestSeed.WebApp.Secret, TestSeed.WebAppCallback, new { });
        using var browser = NewBrowser();
        var callback = await SignInThroughAsync(browser, new Uri(start.GetProperty("authorizationUrl").GetString()!).PathAndQuery, user);
        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await callback.Content.ReadAsStringAsync());

        var finish = await FinishAsync(start, callback, TestSeed.WebApp.Id, TestSeed.WebApp.Secret, TestSeed.WebAppCallback);
        var tokens = finish.GetProperty("tokens");
        var refreshed = finish.GetProperty("refreshed");
        var thumbprint = ThumbprintOf(start.GetProperty("keys").GetProperty("publicJwk"));
        Assert.Multiple(() =>
        {
            Assert.That(tokens.GetProperty("token_type").GetString(), Is.EqualTo("dpop").IgnoreCase, "RFC 9449 §5: token_type DPoP");
            Assert.That(BoundThumbprint(tokens.GetProperty("access_token").GetString()!), Is.EqualTo(thumbprint), "cnf.jkt is the client's key");
            Assert.That(finish.GetProperty("userinfo").GetProperty("preferred_username").GetString(), Is.EqualTo(user), "userinfo with the DPoP scheme and a proof");
            Assert.That(refreshed.GetProperty("token_type").GetString(), Is.EqualTo("dpop").IgnoreCase);
            Assert.That(BoundThumbprint(refreshed.GetProperty("access_token").GetString()!), Is.EqualTo(thumbprint));
        });

        using var asBearer = await GetAsync(Server.Client, "/oauth/userinfo", "Bearer", tokens.GetProperty("access_token").GetString()!, proof: null);
        Assert.Multiple(() =>
        {
            Assert.That(asBearer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "RFC 9449 §7.2: a bound token is no Bearer token");
            Assert.That(Challenge(asBearer), Does.Contain("invalid_token"));
        });
    }

    [Test]
    public async Task A_public_clients_refresh_token_is_bound_to_its_key()
    {
        var user = await CreateUserAsync();
        var start = await RunAsync("start", TestSeed.SpaId, null, TestSeed.SpaCallback, new { });
        using var browser = NewBrowser();
        var callback = await SignInThroughAsync(browser, new Uri(start.GetProperty("authorizationUrl").GetString()!).PathAndQuery, user);
        var finish = await FinishAsync(start, callback, TestSeed.SpaId, null, TestSeed.SpaCallback);
        var refreshToken = finish.GetProperty("refreshed").GetProperty("refresh_token").GetString()!;

        using var other = new DPoPKey();
        using var withoutProof = await TokenAsync(Server.Client, null, null, ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", TestSeed.SpaId));
        using var otherKey = await TokenAsync(Server.Client, null, other.Proof("POST", TokenEndpoint),
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", TestSeed.SpaId));
        Assert.Multiple(async () =>
        {
            Assert.That(finish.GetProperty("refreshed").GetProperty("access_token").GetString(), Is.Not.Empty, "openid-client refreshed with its key");
            Assert.That(withoutProof.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(withoutProof)).GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"));
            Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(otherKey)).GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"));
        });
    }

    [Test]
    public async Task Openid_client_binds_a_client_credentials_token_and_provisions_through_scim_with_it()
    {
        var result = await RelyingPartyScript.RunAsync("dpop.mjs", new Dictionary<string, object?>
        {
            ["step"] = "client_credentials",
            ["issuer"] = Server.BaseAddress.AbsoluteUri,
            ["clientId"] = TestSeed.ScimClient.Id,
            ["clientSecret"] = TestSeed.ScimClient.Secret,
            ["scope"] = "scim",
            ["resource"] = ScimUsers.AbsoluteUri,
        });
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("tokens").GetProperty("token_type").GetString(), Is.EqualTo("dpop").IgnoreCase);
            Assert.That(BoundThumbprint(result.GetProperty("tokens").GetProperty("access_token").GetString()!), Is.Not.Null);
            Assert.That(result.GetProperty("status").GetInt32(), Is.EqualTo(200), result.GetProperty("body").ToString());
            Assert.That(result.GetProperty("body").GetProperty("schemas")[0].GetString(), Does.Contain("ListResponse"));
        });
    }

    [Test]
    public async Task A_bound_token_works_only_with_the_dpop_scheme_and_a_proof_by_its_key_for_this_request_and_token()
    {
        using var key = new DPoPKey();
        using var other = new DPoPKey();
        var token = await BoundScimTokenAsync(key);
        var otherToken = await BoundScimTokenAsync(key);

        using var good = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, key.Proof("GET", ScimUsers, token));
        using var asBearer = await GetAsync(Server.Client, "/scim/v2/Users", "Bearer", token, null);
        using var asBearerWithProof = await GetAsync(Server.Client, "/scim/v2/Users", "Bearer", token, key.Proof("GET", ScimUsers, token));
        using var noProof = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, null);
        using var noAth = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, key.Proof("GET", ScimUsers, token, withoutAth: true));
        using var otherTokensAth = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, key.Proof("GET", ScimUsers, otherToken));
        using var otherKey = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, other.Proof("GET", ScimUsers, token));
        using var wrongMethod = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, key.Proof("POST", ScimUsers, token));
        using var wrongAddress = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, key.Proof("GET", At(Server.BaseAddress, "/scim/v2/Groups"), token));

        Assert.Multiple(() =>
        {
            Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            AssertRefused(asBearer, "invalid_token", "Bearer");
            AssertRefused(asBearerWithProof, "invalid_token", "Bearer");
            AssertRefused(noProof, "invalid_dpop_proof", "DPoP");
            AssertRefused(noAth, "invalid_dpop_proof", "DPoP");
            AssertRefused(otherTokensAth, "invalid_dpop_proof", "DPoP");
            AssertRefused(otherKey, "invalid_dpop_proof", "DPoP");
            AssertRefused(wrongMethod, "invalid_dpop_proof", "DPoP");
            AssertRefused(wrongAddress, "invalid_dpop_proof", "DPoP");
        });
    }

    [Test]
    public async Task A_proof_is_good_once_on_every_node()
    {
        using var key = new DPoPKey();
        var token = await BoundScimTokenAsync(key);
        var nodeB = await StartNodeBesideAsync();

        var proof = key.Proof("GET", ScimUsers, token);
        using var first = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, proof);
        using var again = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, proof);
        using var onNodeB = await GetAsync(nodeB.Client, "/scim/v2/Users", "DPoP", token, proof);

        var tokenProof = key.Proof("POST", TokenEndpoint);
        using var issued = await ClientCredentialsAsync(Server.Client, TestSeed.ScimClient, "scim", tokenProof);
        using var reissuedOnNodeB = await ClientCredentialsAsync(nodeB.Client, TestSeed.ScimClient, "scim", tokenProof);
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            AssertRefused(again, "invalid_dpop_proof", "DPoP");
            AssertRefused(onNodeB, "invalid_dpop_proof", "DPoP");
            Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(reissuedOnNodeB.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(reissuedOnNodeB)).GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"));
        });
    }

    [Test]
    public async Task The_token_endpoint_refuses_a_proof_that_is_old_unsigned_mistyped_carries_a_private_key_or_names_another_request()
    {
        using var key = new DPoPKey();
        var proofs = new Dictionary<string, string>
        {
            ["old"] = key.Proof("POST", TokenEndpoint, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-5)),
            ["from the future"] = key.Proof("POST", TokenEndpoint, issuedAt: DateTimeOffset.UtcNow.AddMinutes(5)),
            ["alg none"] = key.Proof("POST", TokenEndpoint, alg: "none"),
            ["typ JWT"] = key.Proof("POST", TokenEndpoint, typ: "JWT"),
            ["private key in jwk"] = key.Proof("POST", TokenEndpoint, privateKeyInHeader: true),
            ["htm GET"] = key.Proof("GET", TokenEndpoint),
            ["htu of another endpoint"] = key.Proof("POST", At(Server.BaseAddress, "/oauth/introspect")),
            ["htu of another server"] = key.Proof("POST", TokenEndpoint, htu: "https://evil.example/oauth/token"),
            ["not a JWT"] = "not-a-jwt",
        };
        foreach (var (name, proof) in proofs)
        {
            using var response = await ClientCredentialsAsync(Server.Client, TestSeed.ScimClient, "scim", proof);
            var body = await OAuthClient.ReadJsonAsync(response);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), name);
                Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"), name);
            });
        }

        var twice = await PostWithTwoProofLinesAsync(Server.BaseAddress, "/oauth/token", TestSeed.ScimClient,
            key.Proof("POST", TokenEndpoint), key.Proof("POST", TokenEndpoint), ("grant_type", "client_credentials"), ("scope", "scim"));
        Assert.Multiple(() =>
        {
            Assert.That(twice.Status, Is.EqualTo(HttpStatusCode.BadRequest), "RFC 9449 §4.3 item 1: exactly one DPoP header");
            Assert.That(twice.Body, Does.Contain("Send exactly one DPoP header."), twice.Body);
        });
    }

    [Test]
    public async Task An_unbound_token_is_not_accepted_with_the_dpop_scheme()
    {
        using var key = new DPoPKey();
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        using var response = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, key.Proof("GET", ScimUsers, token));
        Assert.Multiple(() =>
        {
            Assert.That(BoundThumbprint(token), Is.Null);
            AssertRefused(response, "invalid_token", "DPoP");
        });
    }

    [Test]
    public async Task A_confidential_clients_bound_access_token_works_at_userinfo_and_its_refresh_token_may_change_keys()
    {
        var (_, tokens) = await SignedInTokensAsync();
        using var key = new DPoPKey();
        using var refreshed = await TokenAsync(Server.Client, TestSeed.WebApp, key.Proof("POST", TokenEndpoint),
            ("grant_type", "refresh_token"), ("refresh_token", tokens.GetProperty("refresh_token").GetString()));
        var body = await OAuthClient.ReadJsonAsync(refreshed);
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var access = body.GetProperty("access_token").GetString()!;

        using var userInfo = await GetAsync(Server.Client, "/oauth/userinfo", "DPoP", access, key.Proof("GET", UserInfo, access));
        using var asBearer = await GetAsync(Server.Client, "/oauth/userinfo", "Bearer", access, null);
        using var schemeWithoutProof = await GetAsync(Server.Client, "/oauth/userinfo", "DPoP", access, null);
        using var inForm = await Server.Client.PostAsync("/oauth/userinfo", new FormUrlEncodedContent(OAuthClient.Form(("access_token", access))));
        using var next = new DPoPKey();
        using var refreshedWithAnotherKey = await TokenAsync(Server.Client, TestSeed.WebApp, next.Proof("POST", TokenEndpoint),
            ("grant_type", "refresh_token"), ("refresh_token", body.GetProperty("refresh_token").GetString()));
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("DPoP"));
            Assert.That(BoundThumbprint(access), Is.EqualTo(key.Thumbprint));
            Assert.That(userInfo.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            AssertRefused(asBearer, "invalid_token", "Bearer");
            AssertRefused(schemeWithoutProof, "invalid_dpop_proof", "DPoP");
            AssertRefused(inForm, "invalid_token", "Bearer");
            Assert.That(refreshedWithAnotherKey.StatusCode, Is.EqualTo(HttpStatusCode.OK),
                "RFC 9449 §5: a confidential client's refresh token is bound by its authentication, not a key");
        });
    }

    [Test]
    public async Task A_code_requested_with_dpop_jkt_is_redeemed_only_with_a_proof_by_that_key()
    {
        using var key = new DPoPKey();
        using var other = new DPoPKey();
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var browser = NewBrowser();
        var response = await SignInThroughAsync(browser,
            AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, "openid profile", pkce, extra: ("dpop_jkt", key.Thumbprint)), user);
        var code = CallbackParameters(response, TestSeed.WebAppCallback)["code"];
        (string, string?)[] form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", pkce.Verifier)];

        await AssertOnlyTheKeyRedeemsAsync(Server.Client, TokenEndpoint, TestSeed.WebApp, form, key, other);
    }

    [Test]
    public async Task A_client_registered_to_require_dpop_gets_no_token_without_a_proof()
    {
        var id = "dpop-only-" + Guid.NewGuid().ToString("N")[..8];
        var client = new TestClient(id, "dpop-only-secret-" + Guid.NewGuid().ToString("N")[..12]);
        var added = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--id", id, "--secret", client.Secret,
            "--grant", "client_credentials", "--scope", "scim", "--require-dpop");
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", id);
        Assert.That(added.ExitCode, Is.Zero, added.Error);

        using var key = new DPoPKey();
        using var withoutProof = await ClientCredentialsAsync(Server.Client, client, "scim", proof: null);
        using var withProof = await ClientCredentialsAsync(Server.Client, client, "scim", key.Proof("POST", TokenEndpoint));
        Assert.Multiple(async () =>
        {
            Assert.That(shown.Output, Does.Contain("requireDPoP").And.Contain("true"));
            Assert.That(withoutProof.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(withoutProof)).GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"));
            Assert.That(withProof.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Discovery_advertises_the_proof_algorithms_and_introspection_shows_the_binding()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        using var key = new DPoPKey();
        var token = await BoundScimTokenAsync(key);
        using var introspection = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", token)),
            OAuthClient.Basic(TestSeed.ScimClient.Id, TestSeed.ScimClient.Secret));
        var body = await OAuthClient.ReadJsonAsync(introspection);
        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()),
                Does.Contain("ES256").And.Contain("RS256").And.Not.Contain("none").And.Not.Contain("HS256"));
            Assert.That(body.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("cnf").GetProperty("jkt").GetString(), Is.EqualTo(key.Thumbprint), "RFC 9449 §6.2");
        });
    }

    private async Task<string> BoundScimTokenAsync(DPoPKey key)
    {
        using var response = await ClientCredentialsAsync(Server.Client, TestSeed.ScimClient, "scim", key.Proof("POST", TokenEndpoint));
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("DPoP"));
        return body.GetProperty("access_token").GetString()!;
    }

    private static void AssertRefused(HttpResponseMessage response, string error, string scheme)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
            $"{error}: {response.RequestMessage?.RequestUri} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        Assert.That(Challenge(response), Does.StartWith(scheme).And.Contain($"error=\"{error}\""), error);
    }

    private static string ThumbprintOf(JsonElement jwk) =>
        DPoPKey.ThumbprintOf(jwk.GetProperty("crv").GetString()!, jwk.GetProperty("x").GetString()!, jwk.GetProperty("y").GetString()!);

    private Task<JsonElement> RunAsync(string step, string clientId, string? secret, string redirectUri, object extra)
    {
        var argument = new Dictionary<string, object?>
        {
            ["step"] = step,
            ["issuer"] = Server.BaseAddress.AbsoluteUri,
            ["clientId"] = clientId,
            ["clientSecret"] = secret,
            ["redirectUri"] = redirectUri,
            ["scope"] = "openid profile offline_access",
        };
        foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
        {
            argument[property.Name] = property.Value;
        }

        return RelyingPartyScript.RunAsync("dpop.mjs", argument);
    }

    private Task<JsonElement> FinishAsync(JsonElement start, HttpResponseMessage callback, string clientId, string? secret, string redirectUri) =>
        RunAsync("finish", clientId, secret, redirectUri, new
        {
            callbackUrl = callback.Headers.Location!.AbsoluteUri,
            codeVerifier = start.GetProperty("codeVerifier").GetString(),
            state = start.GetProperty("state").GetString(),
            nonce = start.GetProperty("nonce").GetString(),
            keys = start.GetProperty("keys"),
        });
}
