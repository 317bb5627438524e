using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Grants;
using Auth.Application.Mfa;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// Sessions live on the server; the cookie only names one. A copy of the cookie (a thief's) is worth exactly as much
/// as the session row: nothing once the user signs out, is deactivated, loses their second factor, or the session
/// reaches its idle or absolute lifetime.
/// </summary>
public sealed class ServerSideSessionTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task A_cookie_copied_before_logout_is_refused_after_logout()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        using var thief = browser.Copy();
        Assert.That(await SilentlyAsync(thief), Does.ContainKey("code"), "the copy is as good as the original while the session lasts");

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.GetProperty("id_token").GetString() +
            "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestSeed.WebAppSignedOut));
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await logout.Content.ReadAsStringAsync());

        var replayed = await SilentlyAsync(thief);
        Assert.Multiple(async () =>
        {
            Assert.That(replayed.GetValueOrDefault("error"), Is.EqualTo("login_required"), string.Join('&', replayed));
            Assert.That(await StoredSessions.OfAsync(Server, user), Is.Empty, "logout deleted the row");
        });
    }

    [Test]
    public async Task After_deactivation_a_copied_cookie_is_refused()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        using var thief = browser.Copy();

        await DeactivateAsync(user);

        Assert.Multiple(async () =>
        {
            Assert.That((await SilentlyAsync(thief)).GetValueOrDefault("error"), Is.EqualTo("login_required"));
            Assert.That(await StoredSessions.OfAsync(Server, user), Is.Empty);
        });
    }

    [Test]
    public async Task After_an_operator_resets_the_second_factor_a_copied_cookie_is_refused()
    {
        var user = await CreateUserAsync();
        var secret = await EnrolAsync(user);
        using var browser = NewBrowser();
        await SignInWithCodeAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, secret);
        using var thief = browser.Copy();

        var reset = await SendAsync(new ResetSecondFactor(user));
        Assert.That(reset.Succeeded, Is.True);

        Assert.That((await SilentlyAsync(thief)).GetValueOrDefault("error"), Is.EqualTo("login_required"));
    }

    [Test]
    public async Task After_the_user_removes_the_authenticator_a_copied_cookie_is_refused()
    {
        var user = await CreateUserAsync();
        var secret = await EnrolAsync(user);
        using var browser = NewBrowser();
        await SignInWithCodeAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, secret);
        using var thief = browser.Copy();
        Assert.That(await SilentlyAsync(thief), Does.ContainKey("code"));

        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        var removed = await SendAsync(new RemoveTotp(await StoredSessions.UserIdAsync(Server, user), Code(secret), null));
        Assert.That(removed.Succeeded, Is.True, removed.Error?.Description);

        Assert.That((await SilentlyAsync(thief)).GetValueOrDefault("error"), Is.EqualTo("login_required"));
    }

    [Test]
    public async Task A_session_older_than_the_absolute_lifetime_is_refused_even_while_in_use()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        // Used every 7 hours, the session never reaches its 8-hour idle lifetime...
        for (var hours = 7; hours <= 21; hours += 7)
        {
            Server.Clock.Advance(TimeSpan.FromHours(7));
            Assert.That(await SilentlyAsync(browser), Does.ContainKey("code"), $"after {hours} hours");
        }

        // ...but it ends 24 hours after the sign-in all the same.
        Server.Clock.Advance(TimeSpan.FromHours(7));
        Assert.That((await SilentlyAsync(browser)).GetValueOrDefault("error"), Is.EqualTo("login_required"), "after 28 hours");
    }

    [Test]
    public async Task A_session_unused_for_longer_than_the_idle_lifetime_is_refused()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        Server.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(2));

        Assert.That((await SilentlyAsync(browser)).GetValueOrDefault("error"), Is.EqualTo("login_required"));
    }

    [Test]
    public async Task Last_seen_is_written_at_most_once_a_minute()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var signedIn = (await StoredSessions.OfAsync(Server, user)).Single().LastSeenAt;

        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        await SilentlyAsync(browser);
        var halfAMinuteLater = (await StoredSessions.OfAsync(Server, user)).Single().LastSeenAt;
        Server.Clock.Advance(TimeSpan.FromSeconds(31));
        await SilentlyAsync(browser);
        var aMinuteLater = (await StoredSessions.OfAsync(Server, user)).Single().LastSeenAt;

        Assert.Multiple(() =>
        {
            Assert.That(halfAMinuteLater, Is.EqualTo(signedIn), "not written for a use within the minute");
            Assert.That(aMinuteLater, Is.GreaterThan(signedIn + TimeSpan.FromSeconds(60)), "written once the minute has passed");
        });
    }

    [Test]
    public async Task The_id_token_sid_is_the_session_id_and_the_same_for_two_apps_of_one_session()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var webCode = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var webTokens = await RedeemForTokensAsync(TestSeed.WebApp, webCode, TestSeed.WebAppCallback, pkce.Verifier);
        using var other = await browser.GetAsync(AuthorizeUrl(TestSeed.NoPkceApp.Id, TestSeed.NoPkceCallback, "openid"));
        var otherCode = CallbackParameters(other, TestSeed.NoPkceCallback)["code"];
        using var redeemed = await RedeemAsync(TestSeed.NoPkceApp, otherCode, TestSeed.NoPkceCallback, verifier: null);
        var otherTokens = await OAuthClient.ReadJsonAsync(redeemed);
        using var refreshed = await RefreshAsync(TestSeed.WebApp, webTokens.GetProperty("refresh_token").GetString()!);
        var refreshedTokens = await OAuthClient.ReadJsonAsync(refreshed);

        var session = (await StoredSessions.OfAsync(Server, user)).Single();
        Assert.Multiple(async () =>
        {
            Assert.That(session.Id, Has.Length.GreaterThanOrEqualTo(22), "at least 128 random bits");
            Assert.That(Sid(webTokens), Is.EqualTo(session.Id));
            Assert.That(Sid(otherTokens), Is.EqualTo(session.Id), "the second app is told the same session");
            Assert.That(Sid(refreshedTokens), Is.EqualTo(session.Id), "and so is an ID token from a refresh");
            Assert.That(Jwt.Payload(webTokens.GetProperty("access_token").GetString()!).ContainsKey("sid"), Is.False, "the session id is for the clients, not for APIs");
            Assert.That(await StoredSessions.ClientsOfAsync(Server, session.Id), Is.EquivalentTo(new[] { TestSeed.WebApp.Id, TestSeed.NoPkceApp.Id }));
        });
    }

    [Test]
    public async Task The_second_factor_starts_the_session_and_a_step_up_keeps_its_id()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var before = (await StoredSessions.OfAsync(Server, user)).Single();
        var secret = await EnrolAsync(user);

        // The payroll app requires a second factor: the session with the password only is asked for a code.
        using var asked = await browser.GetAsync(AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid", Pkce.Create()));
        using var callback = await Authenticator.GiveCodeAsync(browser, asked, Server, secret);
        var after = (await StoredSessions.OfAsync(Server, user)).Single();

        // A fresh sign-in by the same user: no session until the code is given, then one that counts it.
        using var fresh = NewBrowser();
        var challenge = await fresh.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var passwordOnly = await fresh.SignInAsync(challenge, user, Password);
        var pending = await StoredSessions.OfAsync(Server, user);
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        using var codePage = await fresh.GetAsync(passwordOnly.Headers.Location!.OriginalString);
        using var second = await fresh.SubmitFormAsync(await codePage.Content.ReadAsStringAsync(), passwordOnly.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["Code"] = Code(secret) });
        var both = await StoredSessions.OfAsync(Server, user);

        Assert.Multiple(() =>
        {
            Assert.That(CallbackParameters(callback, TestSeed.MfaCallback), Does.ContainKey("code"));
            Assert.That(before.Methods, Is.EqualTo(new[] { "pwd" }));
            Assert.That(after.Id, Is.EqualTo(before.Id), "the step-up keeps the session id the apps know");
            Assert.That(after.Methods, Is.EqualTo(new[] { "pwd", "otp" }));
            Assert.That(pending.Select(s => s.Id), Is.EqualTo(new[] { before.Id }), "the password alone starts no session");
            Assert.That(both, Has.Count.EqualTo(2));
            Assert.That(both.Single(s => s.Id != before.Id).Methods, Is.EqualTo(new[] { "pwd", "otp" }));
        });
    }

    [Test]
    public async Task A_step_up_left_pending_at_logout_cannot_start_a_session_afterwards()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var secret = await EnrolAsync(user);
        using var asked = await browser.GetAsync(AuthorizeUrl(TestSeed.MfaApp.Id, TestSeed.MfaCallback, "openid", Pkce.Create()));
        var mfaUrl = asked.Headers.Location!.OriginalString;
        Assert.That(mfaUrl, Does.StartWith("/account/mfa?"), "the payroll app asks the password-only session for a code");
        using var thief = browser.Copy();

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.GetProperty("id_token").GetString() +
            "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestSeed.WebAppSignedOut));
        using var ownPage = await browser.GetAsync(mfaUrl);

        // A copy of the cookies taken before logout still holds the pending step-up: its page opens, its code is refused.
        using var thiefPage = await thief.GetAsync(mfaUrl);
        using var thiefPost = await thief.SubmitFormAsync(await thiefPage.Content.ReadAsStringAsync(), mfaUrl,
            new Dictionary<string, string> { ["Code"] = Code(secret) });

        Assert.Multiple(async () =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(UserAgent.PathOf(ownPage.Headers.Location!), Is.EqualTo("/account/login"), "logout ended the pending step-up too");
            Assert.That(thiefPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(UserAgent.PathOf(thiefPost.Headers.Location!), Is.EqualTo("/account/login"), "the step-up names a session that is gone");
            Assert.That(await StoredSessions.OfAsync(Server, user), Is.Empty, "no session was started from the old password");
        });
    }

    [Test]
    public async Task Signing_in_again_in_the_same_browser_replaces_its_session()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var first = (await StoredSessions.OfAsync(Server, user)).Single();
        using var thief = browser.Copy();

        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "login")]), user);
        var second = (await StoredSessions.OfAsync(Server, user)).Single();

        Assert.Multiple(async () =>
        {
            Assert.That(second.Id, Is.Not.EqualTo(first.Id), "a new sign-in gets a new id");
            Assert.That((await SilentlyAsync(thief)).GetValueOrDefault("error"), Is.EqualTo("login_required"), "the old one is over");
            Assert.That(await SilentlyAsync(browser), Does.ContainKey("code"));
        });
    }

    [Test]
    public async Task Sessions_past_their_lifetime_are_pruned()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var live = await CreateUserAsync();
        Server.Clock.Advance(TimeSpan.FromHours(9));
        using var later = NewBrowser();
        await SignInThroughAsync(later, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), live);

        var pruned = await SendAsync(new PruneExpiredGrants());

        Assert.Multiple(async () =>
        {
            Assert.That(pruned.Sessions, Is.GreaterThanOrEqualTo(1));
            Assert.That(await StoredSessions.OfAsync(Server, user), Is.Empty, "idle for 9 hours");
            Assert.That(await StoredSessions.OfAsync(Server, live), Has.Count.EqualTo(1), "a session in force is kept");
        });
    }

    /// <summary>An authorization request with prompt=none: a code if the session is good, else the error, at the client.</summary>
    private static async Task<Dictionary<string, string>> SilentlyAsync(UserAgent browser)
    {
        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none")]));
        return CallbackParameters(response, TestSeed.WebAppCallback);
    }

    private async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private Task<string> EnrolAsync(string userName) => Authenticator.EnrolAsync(Server, userName);

    private async Task SignInWithCodeAsync(UserAgent browser, string authorizeUrl, string userName, string secret)
    {
        var challenge = await browser.GetAsync(authorizeUrl);
        using var asked = await browser.SignInAsync(challenge, userName, Password);
        using var callback = await Authenticator.GiveCodeAsync(browser, asked, Server, secret);
        Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    private string Code(string secret) => Authenticator.Code(Server, secret);

    private static string? Sid(System.Text.Json.JsonElement tokens) => Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sid"]?.GetValue<string>();
}
