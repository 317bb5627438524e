using System.Net;
using Auth.Api.Tests.Hosting;
using static Auth.Api.Tests.OAuth.DPoP.DPoPRequests;

namespace Auth.Api.Tests.OAuth.DPoP;

/// <summary>
/// OAuth:DPoPNonceRequired=true (RFC 9449 §8, §9): a proof without a server nonce, or with one the server did not make
/// or made too long ago, is answered use_dpop_nonce with a fresh DPoP-Nonce, at the token endpoint (400) and at a
/// resource (401); openid-client follows the nonce on its own.
/// </summary>
public sealed class DPoPNonceTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:DPoPNonceRequired"] = "true" };

    private Uri TokenEndpoint => At(Server.BaseAddress, "/oauth/token");

    private Uri ScimUsers => At(Server.BaseAddress, "/scim/v2/Users");

    [Test]
    public async Task A_proof_without_a_current_nonce_is_answered_with_one_and_the_next_proof_carries_it()
    {
        using var key = new DPoPKey();
        using var withoutNonce = await ClientCredentialsAsync(Server.Client, TestSeed.ScimClient, "scim", key.Proof("POST", TokenEndpoint));
        var nonce = withoutNonce.Headers.GetValues("DPoP-Nonce").Single();
        using var forged = await ClientCredentialsAsync(Server.Client, TestSeed.ScimClient, "scim", key.Proof("POST", TokenEndpoint, nonce: "made-up"));
        using var issued = await ClientCredentialsAsync(Server.Client, TestSeed.ScimClient, "scim", key.Proof("POST", TokenEndpoint, nonce: nonce));
        var body = await OAuthClient.ReadJsonAsync(issued);
        var token = body.GetProperty("access_token").GetString()!;
        var nextNonce = issued.Headers.GetValues("DPoP-Nonce").Single();

        Server.Clock.Advance(TimeSpan.FromMinutes(6));
        using var staleAtResource = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token,
            key.Proof("GET", ScimUsers, token, nonce: nextNonce, issuedAt: Server.Clock.GetUtcNow()));
        var freshNonce = staleAtResource.Headers.GetValues("DPoP-Nonce").Single();
        using var atResource = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token,
            key.Proof("GET", ScimUsers, token, nonce: freshNonce, issuedAt: Server.Clock.GetUtcNow()));

        Assert.Multiple(async () =>
        {
            Assert.That(withoutNonce.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(withoutNonce)).GetProperty("error").GetString(), Is.EqualTo("use_dpop_nonce"));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(forged)).GetProperty("error").GetString(), Is.EqualTo("use_dpop_nonce"));
            Assert.That(forged.Headers.Contains("DPoP-Nonce"), Is.True);
            Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(staleAtResource.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a nonce older than its lifetime");
            Assert.That(Challenge(staleAtResource), Does.StartWith("DPoP").And.Contain("error=\"use_dpop_nonce\""));
            Assert.That(atResource.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_pushed_request_with_a_proof_without_a_current_nonce_is_answered_with_one()
    {
        using var key = new DPoPKey();
        var endpoint = At(Server.BaseAddress, "/oauth/par");
        var pkce = Pkce.Create();
        (string, string?)[] form =
        [
            ("response_type", "code"), ("redirect_uri", TestSeed.WebAppCallback), ("scope", "openid"),
            ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256"),
        ];
        using var withoutNonce = await PushAsync(Server.Client, TestSeed.WebApp, key.Proof("POST", endpoint), form);
        var nonce = withoutNonce.Headers.GetValues("DPoP-Nonce").Single();
        using var withNonce = await PushAsync(Server.Client, TestSeed.WebApp, key.Proof("POST", endpoint, nonce: nonce), form);

        Assert.Multiple(async () =>
        {
            Assert.That(withoutNonce.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(withoutNonce)).GetProperty("error").GetString(), Is.EqualTo("use_dpop_nonce"));
            Assert.That(withNonce.StatusCode, Is.EqualTo(HttpStatusCode.Created), await withNonce.Content.ReadAsStringAsync());
            Assert.That(withNonce.Headers.GetValues("DPoP-Nonce").Single(), Is.Not.Empty, "the next nonce, for the token request (§8.2)");
        });
    }

    [Test]
    public async Task Openid_client_follows_the_nonce_at_the_token_endpoint_and_at_scim()
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
            Assert.That(result.GetProperty("status").GetInt32(), Is.EqualTo(200), result.GetProperty("body").ToString());
        });
    }
}
