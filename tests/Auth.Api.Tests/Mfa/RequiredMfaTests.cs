using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OtpNet;

namespace Auth.Api.Tests.Mfa;

/// <summary>A client that requires a second factor: users give a code, and users without an authenticator enrol first.</summary>
public sealed partial class RequiredMfaTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task A_user_without_an_authenticator_enrols_before_getting_a_code_and_the_id_token_says_otp()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        var enrolRedirect = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid profile", pkce), user);
        Assert.That(enrolRedirect.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the enrolment page, not a code");
        var html = System.Net.WebUtility.HtmlDecode(await enrolRedirect.Content.ReadAsStringAsync());
        Assert.That(html, Does.Contain("data:image/svg+xml;base64,"));
        var secret = Secret().Match(html).Groups["secret"].Value;
        var enrolUrl = enrolRedirect.RequestMessage!.RequestUri!.PathAndQuery;

        using var confirmed = await browser.SubmitFormAsync(html, enrolUrl, new Dictionary<string, string> { ["Code"] = Code(secret) });
        var page = await confirmed.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("Authenticator ready"), page);
        Assert.That(RecoveryCode().Matches(page), Has.Count.EqualTo(10));
        var continueUrl = System.Net.WebUtility.HtmlDecode(ContinueLink().Match(page).Groups["href"].Value);

        using var resumed = await browser.GetAsync(continueUrl);
        var code = CallbackParameters(resumed, TestSeed.MfaCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.MfaApp, code, TestSeed.MfaCallback, pkce.Verifier);
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString()!);
        Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd", "otp" }));
    }

    [Test]
    public async Task A_session_older_than_the_recent_sign_in_window_gives_the_password_again_before_enrolling()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        Server.Clock.Advance(TimeSpan.FromMinutes(11));

        // Someone at a browser left signed in cannot bind their own authenticator to the account.
        using var asked = await browser.GetAsync(AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid", Pkce.Create()));
        var enrolUrl = asked.Headers.Location!.OriginalString;
        Assert.That(enrolUrl, Does.StartWith("/account/mfa/enrol?"));
        using var enrol = await browser.GetAsync(enrolUrl);
        var userId = await StoredSessions.UserIdAsync(Server, user);
        using var scope = Server.Services.CreateScope();
        var generated = await scope.ServiceProvider.GetRequiredService<IAuthDbContext>().TotpAuthenticators.AnyAsync(a => a.UserId == userId);

        Assert.Multiple(() =>
        {
            Assert.That(UserAgent.PathOf(enrol.Headers.Location!), Is.EqualTo("/account/login"), "the password first");
            Assert.That(Uri.UnescapeDataString(enrol.Headers.Location!.OriginalString), Does.Contain("/account/mfa/enrol"), "and back to the enrolment");
            Assert.That(generated, Is.False, "no secret was generated for the old session");
        });
    }

    [Test]
    public async Task A_session_with_only_the_password_is_asked_for_a_code_by_a_client_that_requires_one()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var webPkce = Pkce.Create();
        var webCode = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, webPkce, TestSeed.MfaScopes, browser);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, webCode, TestSeed.WebAppCallback, webPkce.Verifier);
        var secret = await EnrolThroughApiAsync(tokens.GetProperty("access_token").GetString()!);
        Server.Clock.Advance(TimeSpan.FromSeconds(60));

        // The session has the password only (the authenticator came later): the payroll app asks for a code.
        var pkce = Pkce.Create();
        using var asked = await browser.GetAsync(AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid", pkce));
        Assert.That(asked.Headers.Location!.OriginalString, Does.StartWith("/account/mfa?"));
        var mfaUrl = asked.Headers.Location!.OriginalString;
        using var page = await browser.GetAsync(mfaUrl);
        using var verified = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), mfaUrl, new Dictionary<string, string> { ["Code"] = Code(secret) });
        var callback = await browser.FollowLocalRedirectsAsync(verified);

        var code = CallbackParameters(callback, TestSeed.MfaCallback)["code"];
        var mfaTokens = await RedeemForTokensAsync(TestSeed.MfaApp, code, TestSeed.MfaCallback, pkce.Verifier);
        Assert.That(new JsonWebToken(mfaTokens.GetProperty("id_token").GetString()!).GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd", "otp" }));
    }

    [Test]
    public async Task Prompt_none_at_a_client_requiring_mfa_without_it_is_interaction_required()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var silent = await browser.GetAsync(AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid", Pkce.Create(), extra: [("prompt", "none")]));

        Assert.That(CallbackParameters(silent, TestSeed.MfaCallback)["error"], Is.EqualTo("interaction_required"));
    }

    private async Task<string> EnrolThroughApiAsync(string token)
    {
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var generated = await Server.Client.SendAsync(generate);
        var secret = (await OAuthClient.ReadJsonAsync(generated)).GetProperty("secret").GetString()!;
        using var verify = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/verify") { Content = JsonContent.Create(new { code = Code(secret) }) };
        verify.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var verified = await Server.Client.SendAsync(verify);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return secret;
    }

    private string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime);

    [GeneratedRegex("<code id=\"secret\">(?<secret>[A-Z2-7]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("<li><code>[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<a class=\"button\" href=\"(?<href>[^\"]+)\">Continue</a>")]
    private static partial Regex ContinueLink();
}
