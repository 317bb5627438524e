using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.SignIn;

/// <summary>
/// A person who enrolled an authenticator signs in in Chromium: the password page, then the code page, then back to
/// the client, whose ID token says both factors were used. The test plays the authenticator app, computing codes
/// from the enrolled secret.
/// </summary>
public sealed class TotpSignInTests(StoreKind store) : BrowserTest(store)
{
    private const string Password = "totp-user-password-1";

    /// <summary>RFC 6238 §4: the time step every authenticator app uses by default, and this server too.</summary>
    private static readonly TimeSpan TimeStep = TimeSpan.FromSeconds(30);

    private CallbackApp? _callback;
    private PublicClient? _client;

    private CallbackApp Callback => _callback ?? throw new InvalidOperationException("The callback is not served.");

    private PublicClient Client => _client ?? throw new InvalidOperationException("Discovery was not read.");

    private SecondFactorPage SecondFactorPage => new(Page);

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
    public async Task Signing_in_with_password_and_a_totp_code_puts_pwd_and_otp_in_the_id_token()
    {
        var user = await CreateUserAsync("totp", Password);
        var passwordOnly = await SignInWithPasswordAsync(user);
        var (secret, enrolledAt) = await EnrolAuthenticatorAsync(passwordOnly.GetProperty("access_token").GetString()!);
        await SignOutAsync();

        var request = Client.NewRequest();
        await Page.OpenAsync(request.Url(Client.Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        await SecondFactorPage.WaitUntilShownAsync(Server.BaseAddress);
        await TestContext.Out.WriteLineAsync($"Second-step page screenshot: {await SecondFactorPage.ScreenshotAsync(ArtifactName("second-factor-page"))}");

        var refused = await Page.RunAndWaitForResponseAsync(
            () => SecondFactorPage.VerifyAsync(WrongCode(secret, enrolledAt)),
            r => r.Request.Method == "POST" && SecondFactorPage.IsSecondFactorUrl(Server.BaseAddress, r.Url));
        // The page that answers shows the refusal: wait for it (a load event can fire before a wait for it begins).
        await Expect(SecondFactorPage.Alert).ToContainTextAsync("not valid");
        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.LessThan(500), "a wrong code is an expected failure, not a server error");
            Assert.That(SecondFactorPage.IsSecondFactorUrl(Server.BaseAddress, Page.Url), Is.True, Page.Url);
            Assert.That(Callback.Received.Where(u => u.Query.Contains(request.State, StringComparison.Ordinal)), Is.Empty, "no code for a wrong TOTP code");
        });
        await Expect(SecondFactorPage.Alert).ToContainTextAsync("not valid");
        await Expect(SecondFactorPage.Code).ToBeVisibleAsync();
        await TestContext.Out.WriteLineAsync($"After a wrong code: {await SecondFactorPage.ScreenshotAsync(ArtifactName("second-factor-page-wrong-code"))}");

        // Enrolment used the code of its own time step, and a step is accepted once (RFC 6238 §5.2); the next step's
        // code is accepted from one step early (the server allows one step either side), so no waiting is needed. On a
        // slow run more than a step may have passed since enrolment: then the current step's code is the fresh one.
        var now = Server.Clock.GetUtcNow();
        await SecondFactorPage.VerifyAsync(Code(secret, now > enrolledAt + TimeStep ? now : enrolledAt + TimeStep));
        var code = await Client.WaitForCodeAsync(Page, request);

        var tokens = await Client.RedeemAsync(code, request.Pkce.Verifier);
        var idToken = await Client.ValidateIdTokenAsync(tokens.GetProperty("id_token").GetString()!);
        var firstIdToken = new JsonWebToken(passwordOnly.GetProperty("id_token").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd", "otp" }));
            Assert.That(idToken.GetPayloadValue<string>("acr"), Is.EqualTo("urn:auth:acr:mfa"));
            Assert.That(idToken.GetClaim("nonce").Value, Is.EqualTo(request.Nonce));
            Assert.That(idToken.Subject, Is.EqualTo(firstIdToken.Subject), "the same user as before enrolment");
            Assert.That(firstIdToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd" }), "before enrolment the password was the only factor");
            Assert.That(firstIdToken.GetPayloadValue<string>("acr"), Is.EqualTo("urn:auth:acr:pwd"));
        });
    }

    /// <summary>The authorization code flow in the browser with the password alone, for a token of the MFA API; returns the client's tokens.</summary>
    private async Task<System.Text.Json.JsonElement> SignInWithPasswordAsync(string user)
    {
        var request = Client.NewRequest(TestSeed.MfaScopes);
        await Page.OpenAsync(request.Url(Client.Discovery.AuthorizationEndpoint));
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(user, Password);
        var code = await Client.WaitForCodeAsync(Page, request);
        return await Client.RedeemAsync(code, request.Pkce.Verifier);
    }

    /// <summary>Generates a secret and confirms it with the current code, as a person with an authenticator app would.</summary>
    private async Task<(string Secret, DateTimeOffset EnrolledAt)> EnrolAuthenticatorAsync(string accessToken)
    {
        using var generated = await SendAsync("/mfa/totp/generate", accessToken, content: null);
        var enrolment = await OAuthClient.ReadJsonAsync(generated);
        Assert.That(generated.StatusCode, Is.EqualTo(HttpStatusCode.OK), enrolment.ToString());
        var secret = enrolment.GetProperty("secret").GetString()!;

        var enrolledAt = Server.Clock.GetUtcNow();
        using var verified = await SendAsync("/mfa/totp/verify", accessToken, JsonContent.Create(new { code = Code(secret, enrolledAt) }));
        var confirmation = await OAuthClient.ReadJsonAsync(verified);
        Assert.Multiple(() =>
        {
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), confirmation.ToString());
            Assert.That(confirmation.GetProperty("status").GetString(), Is.EqualTo("enrolled"));
            Assert.That(confirmation.GetProperty("recovery_codes").GetArrayLength(), Is.GreaterThan(0));
        });
        return (secret, enrolledAt);
    }

    /// <summary>Ends the browser's session on the server through the logout page, confirming as a person would.</summary>
    private async Task SignOutAsync()
    {
        var logout = new Uri(Server.BaseAddress, "oauth/logout");
        await Page.OpenAsync(logout.AbsoluteUri);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Page.WaitForAddressAsync(url => !url.StartsWith(logout.AbsoluteUri, StringComparison.Ordinal));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
    }

    private Task<HttpResponseMessage> SendAsync(string path, string accessToken, HttpContent? content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Server.Client.SendAsync(request);
    }

    private static string Code(string secret, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>A six-digit code valid for none of the steps the server could accept while this test runs.</summary>
    private static string WrongCode(string secret, DateTimeOffset enrolledAt)
    {
        var valid = Enumerable.Range(-1, 5).Select(s => Code(secret, enrolledAt + s * TimeStep)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }
}
