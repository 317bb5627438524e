using System.Net;
using Auth.Api.Tests.Hosting;
using static Auth.Api.Tests.OAuth.DPoP.DPoPRequests;

namespace Auth.Api.Tests.OAuth.DPoP;

/// <summary>
/// A DPoP proof sent with a pushed authorization request (RFC 9449 §10.1) binds the code to its key, as dpop_jkt does:
/// the code is then redeemed only with a proof by that key. A proof that is bad for the pushed request endpoint, used
/// before, or beside a dpop_jkt naming another key pushes nothing; a client that fails to authenticate spends no proof.
/// </summary>
public sealed class DPoPPushedRequestTests(StoreKind store) : UserFlowTest(store)
{
    private Uri TokenEndpoint => At(Server.BaseAddress, "/oauth/token");

    private Uri PushedRequestEndpoint => At(Server.BaseAddress, "/oauth/par");

    [Test]
    public async Task A_proof_with_a_pushed_request_binds_the_code_to_its_key()
    {
        using var key = new DPoPKey();
        using var other = new DPoPKey();
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var pushed = await PushAsync(Server.Client, TestSeed.WebApp, key.Proof("POST", PushedRequestEndpoint), Request(pkce));
        var requestUri = (await OAuthClient.ReadJsonAsync(pushed)).GetProperty("request_uri").GetString()!;
        using var browser = NewBrowser();

        // RFC 9101 §5: beside a pushed request_uri, a dpop_jkt in the URL naming another key counts for nothing.
        var callback = await SignInThroughAsync(browser,
            $"/oauth/authorize?client_id={TestSeed.WebApp.Id}&request_uri={Uri.EscapeDataString(requestUri)}&dpop_jkt={other.Thumbprint}", user);
        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];
        (string, string?)[] form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", pkce.Verifier)];

        Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await AssertOnlyTheKeyRedeemsAsync(Server.Client, TokenEndpoint, TestSeed.WebApp, form, key, other);
    }

    [Test]
    public async Task A_proof_not_for_this_endpoint_used_before_or_beside_another_keys_dpop_jkt_pushes_nothing()
    {
        using var key = new DPoPKey();
        using var other = new DPoPKey();
        var pkce = Pkce.Create();
        var once = key.Proof("POST", PushedRequestEndpoint);
        using var forTheTokenEndpoint = await PushAsync(Server.Client, TestSeed.WebApp, key.Proof("POST", TokenEndpoint), Request(pkce));
        using var forGet = await PushAsync(Server.Client, TestSeed.WebApp, key.Proof("GET", PushedRequestEndpoint), Request(pkce));
        using var first = await PushAsync(Server.Client, TestSeed.WebApp, once, Request(pkce));
        using var replayed = await PushAsync(Server.Client, TestSeed.WebApp, once, Request(pkce));
        using var anotherKeysJkt = await PushAsync(Server.Client, TestSeed.WebApp, key.Proof("POST", PushedRequestEndpoint),
            [.. Request(pkce), ("dpop_jkt", other.Thumbprint)]);
        using var sameKeysJkt = await PushAsync(Server.Client, TestSeed.WebApp, key.Proof("POST", PushedRequestEndpoint),
            [.. Request(pkce), ("dpop_jkt", key.Thumbprint)]);
        var twoHeaders = await PostWithTwoProofLinesAsync(Server.BaseAddress, "/oauth/par", TestSeed.WebApp,
            key.Proof("POST", PushedRequestEndpoint), key.Proof("POST", PushedRequestEndpoint), Request(pkce));

        Assert.Multiple(async () =>
        {
            await AssertRefusedAsync(forTheTokenEndpoint, "a proof for another address");
            await AssertRefusedAsync(forGet, "a proof for another method");
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            await AssertRefusedAsync(replayed, "a proof used before");
            await AssertRefusedAsync(anotherKeysJkt, "dpop_jkt naming another key");
            Assert.That(sameKeysJkt.StatusCode, Is.EqualTo(HttpStatusCode.Created), "dpop_jkt naming the proof's key");
            Assert.That(twoHeaders.Status, Is.EqualTo(HttpStatusCode.BadRequest), twoHeaders.Body);
            Assert.That(twoHeaders.Body, Does.Contain("invalid_dpop_proof").And.Contain("Send exactly one DPoP header."), "two DPoP header lines");
        });
    }

    [Test]
    public async Task A_client_that_fails_to_authenticate_spends_no_proof()
    {
        using var key = new DPoPKey();
        var pkce = Pkce.Create();
        var proof = key.Proof("POST", PushedRequestEndpoint);
        using var wrongSecret = await PushAsync(Server.Client, TestSeed.WebApp with { Secret = "not-the-secret" }, proof, Request(pkce));
        using var rightSecret = await PushAsync(Server.Client, TestSeed.WebApp, proof, Request(pkce));

        Assert.Multiple(async () =>
        {
            Assert.That(wrongSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await OAuthClient.ReadJsonAsync(wrongSecret)).GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
            Assert.That(rightSecret.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the proof was not recorded for a client that did not authenticate");
        });
    }

    private static (string, string?)[] Request(Pkce pkce) =>
    [
        ("response_type", "code"), ("redirect_uri", TestSeed.WebAppCallback), ("scope", "openid profile"), ("state", "pushed-state"),
        ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256"),
    ];

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string because)
    {
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), because);
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_dpop_proof"), because);
    }
}
