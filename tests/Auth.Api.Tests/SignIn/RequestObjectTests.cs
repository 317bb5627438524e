using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Application.Clients;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// Request objects passed by value (OpenID Connect Core §6.1, RFC 9101): a real client (openid-client) through the
/// whole flow, the object's parameters in place of the query's, unsigned objects, pushed objects, and the ways to
/// forge one.
/// </summary>
public sealed class RequestObjectTests(StoreKind store) : RequestObjectTest(store)
{
    [Test]
    public async Task Openid_client_sends_a_signed_request_object_signs_the_user_in_and_redeems_the_code()
    {
        var user = await CreateUserAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys);
        var argument = new Dictionary<string, object?>
        {
            ["issuer"] = Issuer, ["clientId"] = clientId, ["redirectUri"] = TestSeed.WebAppCallback, ["scope"] = Scope, ["send"] = "jar",
            ["privateJwk"] = ClientKeys.Members(keys.PrivateJwk), ["alg"] = "RS256",
        };
        var start = await RelyingPartyScript.RunAsync("code-flow.mjs", new Dictionary<string, object?>(argument) { ["step"] = "start" });
        var authorizationUrl = new Uri(start.GetProperty("authorizationUrl").GetString()!);
        Assert.That(QueryHelpers.ParseQuery(authorizationUrl.Query).Keys, Is.EquivalentTo(new[] { "client_id", "request" }),
            "openid-client sends the client_id and the request object alone");

        using var browser = NewBrowser();
        var callback = await SignInThroughAsync(browser, authorizationUrl.PathAndQuery, user);
        var finish = await RelyingPartyScript.RunAsync("code-flow.mjs", new Dictionary<string, object?>(argument)
        {
            ["step"] = "finish",
            ["callbackUrl"] = callback.Headers.Location!.AbsoluteUri,
            ["codeVerifier"] = start.GetProperty("codeVerifier").GetString(),
            ["state"] = start.GetProperty("state").GetString(),
            ["nonce"] = start.GetProperty("nonce").GetString(),
        });

        Assert.Multiple(() =>
        {
            Assert.That(finish.GetProperty("claims").GetProperty("preferred_username").GetString(), Is.EqualTo(user));
            Assert.That(finish.GetProperty("claims").GetProperty("aud").GetString(), Is.EqualTo(clientId));
        });
    }

    [Test]
    public async Task Discovery_advertises_request_objects_and_their_algorithms()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        var root = discovery.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("request_parameter_supported").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("request_object_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()),
                Does.Contain("none").And.Contain("RS256").And.Contain("ES256").And.Not.Contain("HS256"));
        });
    }

    [Test]
    public async Task A_signed_objects_parameters_are_the_request_alone()
    {
        var user = await CreateUserAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys);
        var pkce = Pkce.Create();
        var requestObject = SignedObject(keys, Claims(clientId, pkce, ("state", "inner-state"), ("max_age", 600)));

        // The query names another state and scope, and a response mode the object leaves out: a signed object's
        // parameters are the request's alone (RFC 9101 §5), so the code comes back in the query, with the object's state.
        var url = QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["scope"] = "openid", ["state"] = "outer-state", ["response_mode"] = "form_post",
            ["request"] = requestObject,
        });
        using var browser = NewBrowser();
        var parameters = CallbackParameters(await SignInThroughAsync(browser, url, user), TestSeed.WebAppCallback);
        Assert.That(parameters["state"], Is.EqualTo("inner-state"));

        using var redeemed = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "authorization_code"), ("code", parameters["code"]), ("redirect_uri", TestSeed.WebAppCallback),
            ("code_verifier", pkce.Verifier), ("client_id", clientId),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", keys.Assertion(clientId, Issuer))));
        var tokens = await OAuthClient.ReadJsonAsync(redeemed);
        Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.OK), tokens.ToString());
        Assert.That(tokens.GetProperty("scope").GetString()!.Split(' '), Is.EquivalentTo(Scope.Split(' ')), "the object's scope, not the query's");
    }

    [Test]
    public async Task An_unsigned_request_object_serves_a_client_without_keys()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var claims = Claims(TestSeed.WebApp.Id, pkce);
        claims.Remove("state");
        claims["nonce"] = "unsigned-nonce";

        // An unsigned object proves nothing: the URL fills in what it leaves out (OpenID Connect Core §6.3.3), and it
        // replaces what both name.
        var url = QueryHelpers.AddQueryString(AuthorizeWith(TestSeed.WebApp.Id, UnsignedObject(claims)),
            new Dictionary<string, string?> { ["state"] = "url-state", ["nonce"] = "url-nonce" });
        using var browser = NewBrowser();
        var parameters = CallbackParameters(await SignInThroughAsync(browser, url, user), TestSeed.WebAppCallback);

        Assert.That(parameters["state"], Is.EqualTo("url-state"));
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, parameters["code"], TestSeed.WebAppCallback, pkce.Verifier);
        Assert.That(Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["nonce"]!.GetValue<string>(), Is.EqualTo("unsigned-nonce"));
    }

    [Test]
    public async Task A_pushed_request_may_carry_a_signed_request_object_beside_the_clients_assertion()
    {
        var user = await CreateUserAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys);
        using var pushed = await OAuth.PostFormAsync("/oauth/par", OAuthClient.Form(
            ("client_id", clientId),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", keys.Assertion(clientId, Issuer)),
            ("request", SignedObject(keys, Claims(clientId, Pkce.Create())))));
        var body = await OAuthClient.ReadJsonAsync(pushed);
        Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());

        var url = QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["request_uri"] = body.GetProperty("request_uri").GetString(),
        });
        using var browser = NewBrowser();
        var parameters = CallbackParameters(await SignInThroughAsync(browser, url, user), TestSeed.WebAppCallback);

        Assert.That(parameters["state"], Is.EqualTo("object-state"));
    }

    [Test]
    public async Task A_request_object_that_expires_at_the_end_of_time_is_taken_not_a_server_error()
    {
        var pkce = Pkce.Create();
        using var browser = NewBrowser();
        using var response = await browser.GetAsync(AuthorizeWith(TestSeed.WebApp.Id,
            UnsignedObject(Claims(TestSeed.WebApp.Id, pkce, ("exp", 253_402_300_799L), ("nbf", 0L)))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        Assert.That(UserAgent.PathOf(response.Headers.Location!), Does.Not.Contain("/oauth/authorize").And.Not.Contain("cb"), "to the sign-in page");
    }

    [Test]
    public async Task A_pushed_request_may_carry_a_request_object()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var pushed = await OAuth.PostFormAsync("/oauth/par",
            OAuthClient.Form(("request", UnsignedObject(Claims(TestSeed.WebApp.Id, pkce)))), OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        var body = await OAuthClient.ReadJsonAsync(pushed);
        Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());

        var url = QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = TestSeed.WebApp.Id, ["request_uri"] = body.GetProperty("request_uri").GetString(),
        });
        using var browser = NewBrowser();
        var parameters = CallbackParameters(await SignInThroughAsync(browser, url, user), TestSeed.WebAppCallback);

        Assert.That(parameters["state"], Is.EqualTo("object-state"));
    }

    [Test]
    public async Task A_forged_pushed_request_object_is_refused_with_invalid_request_object()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, confidentialSecret: "forged-push-secret-1234");
        var forged = SignedObject(ClientKeys.Rsa(), Claims(clientId, Pkce.Create()));

        using var pushed = await OAuth.PostFormAsync("/oauth/par", OAuthClient.Form(("request", forged)), OAuthClient.Basic(clientId, "forged-push-secret-1234"));
        var body = await OAuthClient.ReadJsonAsync(pushed);

        Assert.Multiple(() =>
        {
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request_object"));
        });
    }

    /// <summary>Each way to forge or misuse a request object; none of its parameters is used, and the error shows on this server's page.</summary>
    [TestCase("signed by another key")]
    [TestCase("payload changed after signing")]
    [TestCase("signed with HS256 keyed by the public key")]
    [TestCase("addressed to another server")]
    [TestCase("expired")]
    [TestCase("not valid yet")]
    [TestCase("exp not a number")]
    [TestCase("an array for state")]
    [TestCase("holding the client's secret")]
    [TestCase("a lone surrogate in an array")]
    [TestCase("unsigned, typed as an access token")]
    [TestCase("naming a critical extension")]
    [TestCase("signed with the client as sub")]
    [TestCase("signed, asking for a fresh sign-in without iat")]
    [TestCase("signed, asking for a fresh sign-in with an iat 11 minutes old")]
    [TestCase("issued in the future")]
    [TestCase("issued by another client")]
    [TestCase("for another client")]
    [TestCase("nesting a request_uri")]
    [TestCase("holding a NUL")]
    [TestCase("typed as an access token")]
    [TestCase("unsigned but carrying a signature")]
    [TestCase("signed for a client without keys")]
    [TestCase("not a JWT")]
    [TestCase("a payload that is not an object")]
    public async Task A_forged_request_object_is_refused(string forgery)
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys);
        var pkce = Pkce.Create();
        var (client, requestObject) = forgery switch
        {
            "signed by another key" => (clientId, SignedObject(ClientKeys.Rsa(), Claims(clientId, pkce))),
            "payload changed after signing" => (clientId, Tampered(SignedObject(keys, Claims(clientId, pkce)))),
            "signed with HS256 keyed by the public key" => (clientId, Hs256KeyedByPublicKey(keys, Claims(clientId, pkce))),
            "addressed to another server" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("aud", "https://elsewhere.example/")))),
            "expired" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("exp", DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds())))),
            "not valid yet" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("nbf", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds())))),
            "exp not a number" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("exp", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))))),
            "an array for state" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("state", new[] { "a", "b" })))),
            "holding the client's secret" => (clientId, UnsignedObject(Claims(clientId, pkce, ("client_secret", "guess")))),
            "a lone surrogate in an array" => (clientId, UnsignedRaw("""{"client_id":"CLIENT","resource":["\ud800"]}""".Replace("CLIENT", clientId, StringComparison.Ordinal))),
            "unsigned, typed as an access token" => (clientId, UnsignedRaw(JsonSerializer.Serialize(Claims(clientId, pkce)), type: "at+jwt")),
            "naming a critical extension" => (clientId, SignedObject(keys, Claims(clientId, pkce), header: ("crit", new[] { "exp" }))),
            "signed, asking for a fresh sign-in without iat" => (clientId, SignedObject(keys, Without(Claims(clientId, pkce, ("max_age", 0)), "iat"))),
            "signed, asking for a fresh sign-in with an iat 11 minutes old" =>
                (clientId, SignedObject(keys, Claims(clientId, pkce, ("prompt", "login"), ("iat", DateTimeOffset.UtcNow.AddMinutes(-11).ToUnixTimeSeconds())))),
            "issued in the future" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("iat", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds())))),
            "signed with the client as sub" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("sub", clientId), ("jti", "j-1")))),
            "issued by another client" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("iss", TestSeed.WebApp.Id)))),
            "for another client" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("client_id", TestSeed.WebApp.Id)))),
            "nesting a request_uri" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("request_uri", "https://attacker.example/r.jwt")))),
            "holding a NUL" => (clientId, SignedObject(keys, Claims(clientId, pkce, ("state", "a\0b")))),
            "typed as an access token" => (clientId, SignedObject(keys, Claims(clientId, pkce), type: "at+jwt")),
            "unsigned but carrying a signature" => (clientId, UnsignedObject(Claims(clientId, pkce)) + Base64UrlEncoder.Encode("signature")),
            "signed for a client without keys" => (TestSeed.WebApp.Id, SignedObject(keys, Claims(TestSeed.WebApp.Id, pkce))),
            "not a JWT" => (clientId, "not-a-jwt"),
            "a payload that is not an object" => (clientId, Base64UrlEncoder.Encode("""{"alg":"none"}""") + "." + Base64UrlEncoder.Encode("[1,2]") + "."),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        using var browser = NewBrowser();
        using var response = await browser.GetAsync(AuthorizeWith(client, requestObject));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain("<code>invalid_request_object</code>"));
        });
    }

    [Test]
    public async Task A_forged_request_object_is_reported_to_the_querys_verified_redirect_uri_never_to_the_objects()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys);
        var forged = SignedObject(ClientKeys.Rsa(), Claims(clientId, Pkce.Create(), ("redirect_uri", OtherCallback), ("state", "object-state")));
        var url = QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["scope"] = "openid", ["redirect_uri"] = TestSeed.WebAppCallback,
            ["state"] = "outer-state", ["request"] = forged,
        });

        using var browser = NewBrowser();
        using var response = await browser.GetAsync(url);
        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);

        Assert.Multiple(() =>
        {
            Assert.That(parameters["error"], Is.EqualTo("invalid_request_object"));
            Assert.That(parameters["state"], Is.EqualTo("outer-state"));
        });
    }

    [Test]
    public async Task A_request_object_beside_a_request_uri_is_refused()
    {
        using var browser = NewBrowser();
        var url = QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = TestSeed.WebApp.Id, ["request"] = UnsignedObject(Claims(TestSeed.WebApp.Id, Pkce.Create())),
            ["request_uri"] = "urn:ietf:params:oauth:request_uri:made-up",
        });
        using var response = await browser.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain("<code>invalid_request</code>").And.Contain("must not both be present"));
        });
    }

    [Test]
    public async Task A_client_registered_for_one_algorithm_has_objects_signed_otherwise_refused_and_plain_requests_taken()
    {
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, requestObjectSigningAlg: "PS256");
        var pkce = Pkce.Create();
        using var browser = NewBrowser();

        using var rs256 = await browser.GetAsync(AuthorizeWith(clientId, SignedObject(keys, Claims(clientId, pkce))));
        using var unsigned = await browser.GetAsync(AuthorizeWith(clientId, UnsignedObject(Claims(clientId, pkce))));
        using var ps256 = await browser.GetAsync(AuthorizeWith(clientId, SignedObject(keys, Claims(clientId, pkce), algorithm: SecurityAlgorithms.RsaSsaPssSha256)));
        using var plain = await browser.GetAsync(AuthorizeUrl(clientId, TestSeed.WebAppCallback, Scope, pkce));

        await AssertRefusedOnThisServerAsync(rs256, "invalid_request_object", "signed with PS256");
        await AssertRefusedOnThisServerAsync(unsigned, "invalid_request_object", "signed with PS256");
        AssertGoesToSignIn(ps256);
        AssertGoesToSignIn(plain);
    }

    [Test]
    public async Task A_client_that_requires_signed_objects_is_refused_a_plain_request_an_unsigned_object_and_a_plain_push()
    {
        var user = await CreateUserAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, requireSigned: true);
        var pkce = Pkce.Create();
        using var browser = NewBrowser();

        using var plain = await browser.GetAsync(AuthorizeUrl(clientId, TestSeed.WebAppCallback, Scope, pkce));
        var refused = CallbackParameters(plain, TestSeed.WebAppCallback);
        using var unsigned = await browser.GetAsync(AuthorizeWith(clientId, UnsignedObject(Claims(clientId, pkce))));
        using var pushed = await OAuth.PostFormAsync("/oauth/par", OAuthClient.Form(
            ("client_id", clientId), ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", keys.Assertion(clientId, Issuer)), ("response_type", "code"), ("redirect_uri", TestSeed.WebAppCallback),
            ("scope", Scope), ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256")));
        var pushedBody = await OAuthClient.ReadJsonAsync(pushed);
        Assert.Multiple(async () =>
        {
            Assert.That(refused["error"], Is.EqualTo("invalid_request"), "RFC 9101 §10.5, to the verified redirect URI");
            Assert.That(refused["error_description"], Is.EqualTo(Auth.Api.OAuth.Handlers.Authorization.RequireSignedRequestObjects.Description));
            Assert.That(refused["state"], Is.EqualTo("state-123"));
            await AssertRefusedOnThisServerAsync(unsigned, "invalid_request_object", "must be signed");
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), pushedBody.ToString());
            Assert.That(pushedBody.GetProperty("error_description").GetString(), Is.EqualTo(Auth.Api.OAuth.Handlers.Authorization.RequireSignedRequestObjects.Description));
        });

        // The signed object goes all the way through the sign-in (which sends the object back, not its parameters), and
        // its prompt=login is met by that sign-in rather than asked for again.
        var signed = CallbackParameters(await SignInThroughAsync(browser,
            AuthorizeWith(clientId, SignedObject(keys, Claims(clientId, pkce, ("prompt", "login"), ("iat", DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds())))), user),
            TestSeed.WebAppCallback);
        Assert.That(signed, Does.ContainKey("code"));
    }

    [Test]
    public async Task A_signed_objects_max_age_0_asks_a_signed_in_user_again_once_and_the_sign_in_meets_it()
    {
        var user = await CreateUserAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys);
        using var browser = NewBrowser();
        _ = CallbackParameters(await SignInThroughAsync(browser, AuthorizeWith(clientId, SignedObject(keys, Claims(clientId, Pkce.Create()))), user), TestSeed.WebAppCallback);

        // Signed in already, yet an object issued after that sign-in asks with max_age=0 for another; the one made for it
        // comes back with the object and is enough.
        Server.Clock.Advance(TimeSpan.FromSeconds(10));
        var issuedAt = Server.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var asked = await browser.GetAsync(AuthorizeWith(clientId,
            SignedObject(keys, Claims(clientId, Pkce.Create(), ("max_age", 0), ("state", "again"), ("iat", issuedAt)))));
        Assert.That(UserAgent.PathOf(asked.Headers.Location!), Is.EqualTo(LoginPath), "a fresh sign-in is asked for");
        var signedIn = await browser.SignInAsync(asked, user, Password);
        var parameters = CallbackParameters(await browser.FollowLocalRedirectsAsync(signedIn), TestSeed.WebAppCallback);

        Assert.That(parameters["state"], Is.EqualTo("again"));
        Assert.That(parameters, Does.ContainKey("code"));
    }

    [Test]
    public async Task A_third_party_client_that_requires_signed_objects_gets_its_code_through_the_consent_page()
    {
        var user = await CreateUserAsync();
        var keys = ClientKeys.Rsa();
        var clientId = await RegisterClientAsync(keys, requireSigned: true, firstParty: false);
        using var browser = NewBrowser();

        var consent = await SignInThroughAsync(browser, AuthorizeWith(clientId, SignedObject(keys, Claims(clientId, Pkce.Create()))), user);
        var html = await consent.Content.ReadAsStringAsync();
        Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        using var allowed = await browser.SubmitFormAsync(html, "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");

        Assert.That(CallbackParameters(allowed, TestSeed.WebAppCallback), Does.ContainKey("code"), "the consent form carried the signed object back");
    }

    [Test]
    public async Task The_admin_api_and_the_command_line_set_and_show_the_request_object_settings_and_refuse_them_without_keys()
    {
        var api = new Auth.Api.Tests.Admin.AdminApi(Server.Client,
            await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{Auth.Application.Admin.AdminScopes.ClientsRead} {Auth.Application.Admin.AdminScopes.ClientsWrite}"));
        var keys = ClientKeys.Rsa();
        var id = "jar-api-" + Guid.NewGuid().ToString("N")[..8];
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id,
            grant_types = new[] { "authorization_code" },
            scopes = new[] { "openid" },
            redirect_uris = new[] { TestSeed.WebAppCallback },
            jwks = keys.Jwks,
            request_object_signing_alg = "ES256",
            require_signed_request_object = true,
        });
        var withoutKeys = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = id + "-secret",
            confidential = true,
            grant_types = new[] { "authorization_code" },
            scopes = new[] { "openid" },
            redirect_uris = new[] { TestSeed.WebAppCallback },
            require_signed_request_object = true,
        });
        var shown = await AuthExecutable.RunAsync(Server.Store, "clients", "show", "--id", id);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Body.GetProperty("request_object_signing_alg").GetString(), Is.EqualTo("ES256"));
            Assert.That(created.Body.GetProperty("require_signed_request_object").GetBoolean(), Is.True);
            Assert.That(withoutKeys.Status, Is.EqualTo(HttpStatusCode.BadRequest), withoutKeys.Text);
            Assert.That(withoutKeys.Text, Does.Contain("requireSignedRequestObject is for a client with the authorization_code grant, a jwks or a jwksUri"));
            Assert.That(shown.Output, Does.Contain("requestObjectSigningAlg\tES256").And.Contain("requireSignedRequestObject\ttrue"));
        });
    }
}
