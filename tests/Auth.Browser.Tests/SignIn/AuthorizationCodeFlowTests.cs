using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.SignIn;

/// <summary>
/// The test plays a public client itself (<see cref="PublicClient"/>): a person signs in on the page in Chromium, and
/// the test redeems the code that comes back, exactly as a client on the wire would.
/// </summary>
public sealed class AuthorizationCodeFlowTests(StoreKind store) : BrowserTest(store)
{
    private CallbackApp? _callback;
    private PublicClient? _client;

    private CallbackApp Callback => _callback ?? throw new InvalidOperationException("The callback is not served.");

    private PublicClient Client => _client ?? throw new InvalidOperationException("Discovery was not read.");

    private Discovery Discovery => Client.Discovery;

    [OneTimeSetUp]
    public async Task StartCallback()
    {
        _callback = await CallbackApp.StartAsync(Seed.Callback);
        _client = new PublicClient(Server.Client, await Discovery.ReadAsync(Server.Client), Seed.Callback);
    }

    [OneTimeTearDown]
    public async Task StopCallback()
    {
        if (_callback is not null)
        {
            await _callback.DisposeAsync();
        }
    }

    [Test]
    public async Task Signing_in_on_the_page_returns_a_code_that_exchanges_for_a_valid_id_token()
    {
        var request = Client.NewRequest();
        await Page.OpenAsync(request.Url(Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        var screenshot = await LoginPage.ScreenshotAsync(ArtifactName("login-page"));
        TestContext.Out.WriteLine($"Sign-in page screenshot: {screenshot}");

        await LoginPage.SignInAsync(BrowserSeed.UserName, BrowserSeed.Password);
        var code = await Client.WaitForCodeAsync(Page, request);

        var tokens = await Client.RedeemAsync(code, request.Pkce.Verifier);
        var idToken = await Client.ValidateIdTokenAsync(tokens.GetProperty("id_token").GetString()!);
        var sub = idToken.GetClaim("sub").Value;
        Assert.Multiple(() =>
        {
            Assert.That(tokens.GetProperty("token_type").GetString(), Is.EqualTo("Bearer").IgnoreCase);
            Assert.That(sub, Is.Not.Empty);
            Assert.That(idToken.GetClaim("nonce").Value, Is.EqualTo(request.Nonce));
            Assert.That(idToken.Claims.Where(c => c.Type == "amr").Select(c => c.Value), Does.Contain("pwd"));
            Assert.That(idToken.TryGetPayloadValue<long>("auth_time", out var authTime), Is.True, "auth_time is missing");
            Assert.That(
                DateTimeOffset.FromUnixTimeSeconds(authTime),
                Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)),
                "auth_time is the moment the user signed in");
            Assert.That(idToken.GetClaim("name").Value, Is.EqualTo(BrowserSeed.DisplayName), "profile scope → name in the ID token");
            Assert.That(idToken.GetClaim("email").Value, Is.EqualTo(BrowserSeed.Email), "email scope → email in the ID token");
        });

        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(Jwt.Header(accessToken)["typ"]?.GetValue<string>(), Is.EqualTo("at+jwt"));
            Assert.That(Jwt.Payload(accessToken)["aud"]?.ToJsonString(), Does.Contain($"\"{TestSeed.OrdersApi}\""));
            Assert.That(Jwt.Payload(accessToken)["sub"]?.GetValue<string>(), Is.EqualTo(sub));
        });

        var userinfo = await GetUserinfoAsync(accessToken);
        Assert.Multiple(() =>
        {
            Assert.That(userinfo.GetProperty("sub").GetString(), Is.EqualTo(sub), "OpenID Connect Core §5.3.2: userinfo sub equals the ID token's");
            Assert.That(userinfo.GetProperty("name").GetString(), Is.EqualTo(BrowserSeed.DisplayName));
            Assert.That(userinfo.GetProperty("given_name").GetString(), Is.EqualTo(BrowserSeed.GivenName));
            Assert.That(userinfo.GetProperty("family_name").GetString(), Is.EqualTo(BrowserSeed.FamilyName));
            Assert.That(userinfo.GetProperty("email").GetString(), Is.EqualTo(BrowserSeed.Email));
        });
    }

    [Test]
    public async Task The_sign_in_page_names_the_client_that_asks()
    {
        await Page.OpenAsync(Client.NewRequest().Url(Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);

        await Expect(Page.GetByText(BrowserSeed.PublicClientName)).Not.ToHaveCountAsync(0);
    }

    [Test]
    public async Task Signing_in_works_with_javascript_turned_off()
    {
        await ReopenPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var request = Client.NewRequest();

        await Page.OpenAsync(request.Url(Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(BrowserSeed.UserName, BrowserSeed.Password);
        var code = await Client.WaitForCodeAsync(Page, request);

        var tokens = await Client.RedeemAsync(code, request.Pkce.Verifier);
        Assert.That(tokens.GetProperty("id_token").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_wrong_password_keeps_the_person_on_the_sign_in_page_and_issues_no_code()
    {
        var request = Client.NewRequest();
        await Page.OpenAsync(request.Url(Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);

        var response = await Page.RunAndWaitForResponseAsync(
            () => LoginPage.SignInAsync(BrowserSeed.UserName, "not-" + BrowserSeed.Password),
            r => r.Request.Method == "POST" && LoginPage.IsLoginUrl(Server.BaseAddress, r.Url));
        // The answer is the sign-in page again, with the refusal; waiting for what it shows (rather than for a load
        // event, which can fire before the wait begins) is what a person waits for too.
        await Expect(LoginPage.Alert).ToContainTextAsync("user name or password is incorrect");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.LessThan(500), "a wrong password is an expected failure, not a server error");
            Assert.That(LoginPage.IsLoginUrl(Server.BaseAddress, Page.Url), Is.True, Page.Url);
            Assert.That(Callback.Received.Where(u => u.Query.Contains(request.State, StringComparison.Ordinal)), Is.Empty);
        });
        await Expect(LoginPage.Password).ToBeVisibleAsync();
        await Expect(LoginPage.Password).ToBeEmptyAsync();
    }

    private async Task<JsonElement> GetUserinfoAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Discovery.UserinfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }
}
