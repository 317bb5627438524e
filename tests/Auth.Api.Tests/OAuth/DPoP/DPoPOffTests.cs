using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using static Auth.Api.Tests.OAuth.DPoP.DPoPRequests;

namespace Auth.Api.Tests.OAuth.DPoP;

/// <summary>OAuth:DPoP=false: not advertised, a proof binds nothing, and the DPoP scheme is not a way in.</summary>
public sealed class DPoPOffTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:DPoP"] = "false" };

    [Test]
    public async Task Discovery_says_nothing_a_proof_binds_nothing_and_the_scheme_is_refused()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        using var key = new DPoPKey();
        using var response = await ClientCredentialsAsync(Server.Client, TestSeed.ScimClient, "scim", key.Proof("POST", At(Server.BaseAddress, "/oauth/token")));
        var body = await OAuthClient.ReadJsonAsync(response);
        var token = body.GetProperty("access_token").GetString()!;
        using var asDPoP = await GetAsync(Server.Client, "/scim/v2/Users", "DPoP", token, key.Proof("GET", At(Server.BaseAddress, "/scim/v2/Users"), token));
        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.TryGetProperty("dpop_signing_alg_values_supported", out _), Is.False);
            Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            Assert.That(BoundThumbprint(token), Is.Null);
            Assert.That(asDPoP.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task A_pushed_request_is_not_judged_by_its_proof()
    {
        var pkce = Pkce.Create();
        using var pushed = await PushAsync(Server.Client, TestSeed.WebApp, "not-a-proof",
            ("response_type", "code"), ("redirect_uri", TestSeed.WebAppCallback), ("scope", "openid"),
            ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256"));

        Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await pushed.Content.ReadAsStringAsync());
    }
}
