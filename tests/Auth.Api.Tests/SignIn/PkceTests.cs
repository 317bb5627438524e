using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>RFC 7636 with S256 only, and the downgrade and format attacks on it.</summary>
public sealed class PkceTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Discovery_offers_S256_only_and_the_code_flow_only()
    {
        var document = await OAuthClient.ReadJsonAsync(await Server.Client.GetAsync("/.well-known/openid-configuration"));

        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "S256" }));
            Assert.That(document.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "code" }));
            Assert.That(document.GetProperty("authorization_endpoint").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/authorize"));
            Assert.That(document.GetProperty("userinfo_endpoint").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/userinfo"));
            Assert.That(document.GetProperty("end_session_endpoint").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/logout"));
            Assert.That(document.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()),
                Is.EquivalentTo(new[] { "authorization_code", "client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange" }));
        });
    }

    [Test]
    public async Task The_plain_method_is_refused_back_to_the_client_with_the_state()
    {
        var pkce = Pkce.Create();
        using var browser = NewBrowser();
        var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce with { Challenge = pkce.Verifier }, codeChallengeMethod: "plain"));

        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        Assert.Multiple(() =>
        {
            Assert.That(parameters["error"], Is.EqualTo("invalid_request"));
            Assert.That(parameters["state"], Is.EqualTo("state-123"));
            Assert.That(parameters, Does.Not.ContainKey("code"));
        });
    }

    [TestCase(TestSeed.SpaId, TestSeed.SpaCallback)]
    [TestCase("web-app", TestSeed.WebAppCallback)]
    public async Task A_client_that_must_use_pkce_is_refused_without_a_challenge(string clientId, string callback)
    {
        using var browser = NewBrowser();
        var response = await browser.GetAsync(AuthorizeUrl(clientId, callback, pkce: null));

        var parameters = CallbackParameters(response, callback);
        Assert.That(parameters["error"], Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task A_wrong_verifier_is_invalid_grant()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);

        using var response = await RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, Pkce.Create().Verifier);

        await AssertErrorAsync(response, "invalid_grant");
    }

    [Test]
    public async Task A_missing_verifier_is_refused()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);

        using var response = await RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, verifier: null);

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(response.IsSuccessStatusCode, Is.False);
    }

    [TestCase(42)]
    [TestCase(129)]
    public async Task A_verifier_of_the_wrong_length_is_invalid_request(int length)
    {
        var user = await CreateUserAsync();
        var verifier = new string('a', length);
        var pkce = new Pkce(verifier, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))));
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);

        using var response = await RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, verifier);

        await AssertErrorAsync(response, "invalid_request");
    }

    [Test]
    public async Task A_verifier_with_characters_outside_the_unreserved_set_is_invalid_request()
    {
        var user = await CreateUserAsync();
        var verifier = new string('a', 50) + "+/=";
        var pkce = new Pkce(verifier, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))));
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);

        using var response = await RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, verifier);

        await AssertErrorAsync(response, "invalid_request");
    }

    [Test]
    public async Task A_verifier_for_a_code_issued_without_a_challenge_is_refused()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var callback = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.NoPkceApp.Id, TestSeed.NoPkceCallback, scope: "openid", pkce: null), user);
        var code = CallbackParameters(callback, TestSeed.NoPkceCallback)["code"];

        using var response = await RedeemAsync(TestSeed.NoPkceApp, code, TestSeed.NoPkceCallback, Pkce.Create().Verifier);

        Assert.That(response.IsSuccessStatusCode, Is.False, "a verifier the server never saw a challenge for is a downgrade attempt");
    }

    [Test]
    public async Task A_public_client_redeems_its_code_with_the_verifier_and_no_secret()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.SpaId, TestSeed.SpaCallback, pkce, scope: "openid profile");

        using var response = await RedeemAsync(null, code, TestSeed.SpaCallback, pkce.Verifier, clientId: TestSeed.SpaId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string error)
    {
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error));
        });
    }
}
