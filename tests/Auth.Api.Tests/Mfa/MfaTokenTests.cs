using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Auth.Api.OAuth.Handlers.Token;
using Auth.Api.Tests.Hosting;
using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OtpNet;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Tests.Mfa;

/// <summary>
/// Which access tokens the MFA API accepts: only a user's token with the mfa scope, addressed to the MFA API alone,
/// and for changes to the second factor, from a recent sign-in. Anything else writes nothing.
/// </summary>
public sealed class MfaTokenTests(StoreKind store) : UserFlowTest(store)
{
    private static readonly TimeSpan BeyondTheWindow = TimeSpan.FromMinutes(11);

    [Test]
    public async Task An_openid_only_token_of_the_user_cannot_start_or_confirm_an_enrolment()
    {
        var (user, tokens) = await SignedInTokensAsync("openid profile");
        var token = tokens.GetProperty("access_token").GetString()!;

        using var generated = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", token);
        using var verified = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", token, JsonContent.Create(new { code = "123456" }));

        await AssertInsufficientScopeAsync(generated);
        await AssertInsufficientScopeAsync(verified);
        Assert.That(await StateAsync(await UserIdAsync(user)), Is.Null, "no authenticator, not even a pending one");
    }

    [Test]
    public async Task An_openid_only_token_of_an_enrolled_user_is_refused_everywhere_and_changes_nothing()
    {
        var (userId, mfaToken, openIdToken) = await TwoTokensOfOneUserAsync();
        var secret = await EnrolAsync(mfaToken);
        var before = await StateAsync(userId);

        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        using var generated = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", openIdToken, JsonContent.Create(new { code = Code(secret) }));
        using var verified = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", openIdToken, JsonContent.Create(new { code = Code(secret) }));
        using var removed = await SendAsync(HttpMethod.Delete, "/mfa/totp", openIdToken, JsonContent.Create(new { code = Code(secret) }));
        using var regenerated = await SendAsync(HttpMethod.Post, "/mfa/totp/recovery-codes", openIdToken, JsonContent.Create(new { code = Code(secret) }));

        await AssertInsufficientScopeAsync(generated);
        await AssertInsufficientScopeAsync(verified);
        await AssertInsufficientScopeAsync(removed);
        await AssertInsufficientScopeAsync(regenerated);
        Assert.That(await StateAsync(userId), Is.EqualTo(before), "no pending secret, no step used, no recovery code replaced, nothing removed");
    }

    [Test]
    public async Task Five_wrong_codes_through_an_openid_only_token_do_not_pause_verification()
    {
        var (_, mfaToken, openIdToken) = await TwoTokensOfOneUserAsync();
        var secret = await EnrolAsync(mfaToken);
        Server.Clock.Advance(TimeSpan.FromSeconds(30));

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", openIdToken, JsonContent.Create(new { code = WrongCode(secret) }));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        using var right = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", mfaToken, JsonContent.Create(new { code = Code(secret) }));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), await right.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_sign_in_older_than_the_window_cannot_replace_remove_or_regenerate_but_still_verifies()
    {
        var (user, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var token = tokens.GetProperty("access_token").GetString()!;
        var secret = await EnrolAsync(token);
        var userId = await UserIdAsync(user);
        var before = await StateAsync(userId);

        Server.Clock.Advance(BeyondTheWindow);
        using var replaced = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", token, JsonContent.Create(new { code = Code(secret) }));
        using var removed = await SendAsync(HttpMethod.Delete, "/mfa/totp", token, JsonContent.Create(new { code = Code(secret) }));
        using var regenerated = await SendAsync(HttpMethod.Post, "/mfa/totp/recovery-codes", token, JsonContent.Create(new { code = Code(secret) }));

        await AssertRecentSignInRequiredAsync(replaced);
        await AssertRecentSignInRequiredAsync(removed);
        await AssertRecentSignInRequiredAsync(regenerated);
        Assert.That(await StateAsync(userId), Is.EqualTo(before), "refused before any code was checked");

        using var verified = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", token, JsonContent.Create(new { code = Code(secret) }));
        var body = await OAuthClient.ReadJsonAsync(verified);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("verified"));
    }

    [Test]
    public async Task Confirming_an_enrolment_needs_a_recent_sign_in_which_max_age_brings_back()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var token = await MfaTokenAsync(user, browser);
        using var generated = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", token);
        var secret = (await OAuthClient.ReadJsonAsync(generated)).GetProperty("secret").GetString()!;

        Server.Clock.Advance(BeyondTheWindow);
        using var stale = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", token, JsonContent.Create(new { code = Code(secret) }));
        await AssertRecentSignInRequiredAsync(stale);
        Assert.That((await StateAsync(await UserIdAsync(user)))!.Confirmed, Is.False);

        // RFC 9470 §4: the client asks again with the max_age it was given; the user signs in again.
        var pkce = Pkce.Create();
        var again = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, TestSeed.MfaScopes, pkce, extra: [("max_age", "600")]), user);
        var fresh = await RedeemForTokensAsync(TestSeed.WebApp, CallbackParameters(again, TestSeed.WebAppCallback)["code"], TestSeed.WebAppCallback, pkce.Verifier);
        using var confirmed = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", fresh.GetProperty("access_token").GetString()!, JsonContent.Create(new { code = Code(secret) }));
        var body = await OAuthClient.ReadJsonAsync(confirmed);
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("enrolled"));
    }

    [TestCase(new string[] { }, HttpStatusCode.Forbidden)]
    [TestCase(new[] { "urn:auth:mfa", TestSeed.OrdersApi }, HttpStatusCode.Forbidden)]
    [TestCase(new[] { TestSeed.OrdersApi }, HttpStatusCode.Forbidden)]
    [TestCase(new[] { "urn:auth:mfa" }, HttpStatusCode.OK)]
    public async Task Only_a_token_addressed_to_the_mfa_api_alone_is_accepted(string[] audiences, HttpStatusCode expected)
    {
        var userId = await UserIdAsync(await CreateUserAsync());
        var token = await MintAccessTokenAsync(userId, [Scopes.OpenId, TestSeed.Mfa], audiences);

        using var generated = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", token);

        if (expected == HttpStatusCode.Forbidden)
        {
            await AssertInsufficientScopeAsync(generated);
            Assert.That(await StateAsync(userId), Is.Null);
        }
        else
        {
            Assert.That(generated.StatusCode, Is.EqualTo(expected), await generated.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task The_mfa_scope_cannot_be_asked_for_with_another_apis_scope()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, "openid mfa " + TestSeed.OrdersRead, Pkce.Create()));

        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        Assert.That(parameters["error"], Is.EqualTo("invalid_scope"));
        Assert.That(parameters, Does.Not.ContainKey("code"));
    }

    [Test]
    public async Task A_client_whose_registration_lacks_the_mfa_scope_cannot_get_it()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.NoPkceApp.Id, TestSeed.NoPkceCallback, TestSeed.MfaScopes, Pkce.Create()));

        var parameters = CallbackParameters(response, TestSeed.NoPkceCallback);
        Assert.That(parameters["error"], Is.EqualTo("invalid_request").Or.EqualTo("invalid_scope"));
        Assert.That(parameters, Does.Not.ContainKey("code"));
    }

    [Test]
    public async Task A_third_party_client_gets_the_mfa_scope_only_through_a_consent_that_names_it()
    {
        const string otherScopes = "openid profile " + TestSeed.OrdersRead;
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var firstConsent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, otherScopes, Pkce.Create()), user);
        using var allowed = await browser.SubmitFormAsync(await firstConsent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        Assert.That(CallbackParameters(allowed, TestSeed.PartnerCallback), Does.ContainKey("code"));

        // The consent remembered for other scopes does not cover mfa: silently, the answer is consent_required.
        using var silent = await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, TestSeed.MfaScopes, Pkce.Create(), extra: [("prompt", "none")]));
        Assert.That(CallbackParameters(silent, TestSeed.PartnerCallback)["error"], Is.EqualTo("consent_required"));

        var pkce = Pkce.Create();
        using var consent = await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, TestSeed.MfaScopes, pkce));
        var html = await consent.Content.ReadAsStringAsync();
        Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("Allow Partner Portal?").And.Contain("Add, replace or remove your authenticator app"));

        using var granted = await browser.SubmitFormAsync(html, "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        var tokens = await RedeemForTokensAsync(TestSeed.PartnerApp, CallbackParameters(granted, TestSeed.PartnerCallback)["code"], TestSeed.PartnerCallback, pkce.Verifier);
        using var generated = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", tokens.GetProperty("access_token").GetString()!);
        Assert.That(generated.StatusCode, Is.EqualTo(HttpStatusCode.OK), "with the user's consent naming it, the scope works");
    }

    [TestCase("00:00:00")]
    [TestCase("1.00:00:01")]
    public void A_recent_sign_in_window_out_of_range_stops_the_start(string window)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["Mfa:RecentSignInWindow"] = window });
        });

        Assert.That(failure!.Message, Does.Contain("Mfa:RecentSignInWindow"));
    }

    [Test]
    public async Task The_recent_sign_in_window_is_configurable()
    {
        await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["Mfa:RecentSignInWindow"] = "00:30:00" });
        var user = await CreateUserAsync();
        using var browser = new UserAgent(server.BaseAddress);
        var pkce = Pkce.Create();
        var signedIn = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, TestSeed.MfaScopes, pkce), user);
        using var redeemed = await new OAuthClient(server.Client).PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "authorization_code"), ("code", CallbackParameters(signedIn, TestSeed.WebAppCallback)["code"]),
            ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", pkce.Verifier)), OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        var token = (await OAuthClient.ReadJsonAsync(redeemed)).GetProperty("access_token").GetString()!;

        server.Clock.Advance(BeyondTheWindow);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/generate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var generated = await server.Client.SendAsync(request);

        Assert.That(generated.StatusCode, Is.EqualTo(HttpStatusCode.OK), "11 minutes is within a 30-minute window");
    }

    private static async Task AssertInsufficientScopeAsync(HttpResponseMessage response)
    {
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("insufficient_scope"));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer ")
                .And.Contain("error=\"insufficient_scope\"").And.Contain("scope=\"mfa\""));
        });
    }

    private static async Task AssertRecentSignInRequiredAsync(HttpResponseMessage response)
    {
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("insufficient_user_authentication"));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer ")
                .And.Contain("error=\"insufficient_user_authentication\"").And.Contain("max_age=600"));
        });
    }

    /// <summary>One user, one session, two tokens of the first-party app: one for the MFA API, one with openid only.</summary>
    private async Task<(string UserId, string MfaToken, string OpenIdToken)> TwoTokensOfOneUserAsync()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var mfaToken = await MfaTokenAsync(user, browser);
        var pkce = Pkce.Create();
        using var signedIn = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, "openid profile", pkce));
        var code = CallbackParameters(signedIn, TestSeed.WebAppCallback)["code"];
        var openId = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        return (await UserIdAsync(user), mfaToken, openId.GetProperty("access_token").GetString()!);
    }

    private async Task<string> MfaTokenAsync(string user, UserAgent browser)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, TestSeed.MfaScopes, browser);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        return tokens.GetProperty("access_token").GetString()!;
    }

    private async Task<string> EnrolAsync(string token)
    {
        using var generated = await SendAsync(HttpMethod.Post, "/mfa/totp/generate", token);
        var secret = (await OAuthClient.ReadJsonAsync(generated)).GetProperty("secret").GetString()!;
        using var verified = await SendAsync(HttpMethod.Post, "/mfa/totp/verify", token, JsonContent.Create(new { code = Code(secret) }));
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
        return secret;
    }

    /// <summary>
    /// An access token issued by this server's own OpenIddict pipeline, stored like any other, but with scopes and
    /// audiences chosen here rather than by the authorization endpoint: a token "minted differently".
    /// </summary>
    private Task<string> MintAccessTokenAsync(string userId, string[] scopes, string[] audiences) =>
        Server.MintAccessTokenAsync(TestSeed.WebApp.Id, userId, scopes, audiences);

    private sealed record AuthenticatorState(bool Confirmed, bool Pending, long LastUsedStep, int FailedAttempts, string RecoveryCodes);

    /// <summary>What the MFA API could have changed for a user, read straight from the store.</summary>
    private async Task<AuthenticatorState?> StateAsync(string userId)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        var authenticator = await db.TotpAuthenticators.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId);
        var codes = await db.RecoveryCodes.AsNoTracking().Where(r => r.UserId == userId && r.UsedAt == null).Select(r => r.CodeHash).ToListAsync();
        return authenticator is null
            ? null
            : new AuthenticatorState(authenticator.IsConfirmed, authenticator.PendingProtectedSecret is not null, authenticator.LastUsedStep,
                authenticator.FailedAttempts, string.Join(',', codes.Order(StringComparer.Ordinal)));
    }

    private async Task<string> UserIdAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A six-digit code valid for none of the steps the server would accept.</summary>
    private string WrongCode(string secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var valid = Enumerable.Range(-1, 4).Select(s => totp.ComputeTotp(Server.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * s))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Server.Client.SendAsync(request);
    }
}
