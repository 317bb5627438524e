using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>
/// Who gets into the admin console (/admin, issue #17): an active administrator signed in with a second factor, in a
/// console session of its own that is short, bound to the sign-in session, and re-checked at every request.
/// </summary>
public sealed class ConsoleAccessTests(StoreKind store) : ConsoleTest(store)
{
    [Test]
    public async Task An_administrator_signs_in_with_a_code_and_enters_the_dashboard_and_the_entry_is_audited()
    {
        using var admin = await EnterConsoleAsync();
        using var again = await admin.Browser.GetAsync("/admin/sign-in");
        var cookie = again.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith("auth.console=", StringComparison.Ordinal)) : null;
        var entered = await AuditedAsync("console.entered", admin.UserId);
        var account = await PageAsync(admin.Browser, "/account");

        Assert.Multiple(() =>
        {
            Assert.That(admin.DashboardHtml, Does.Contain("Dashboard").And.Contain("data-testid=\"counts\""));
            Assert.That(admin.DashboardHtml, Does.Contain(admin.UserName), "the console names who is in it");
            Assert.That(cookie, Is.Not.Null, "the console has a cookie of its own");
            Assert.That(cookie, Does.Contain("path=/admin").And.Contain("samesite=strict").And.Contain("httponly").IgnoreCase);
            Assert.That(again.Headers.Location?.OriginalString, Is.EqualTo("/admin"));
            Assert.That(account, Does.Contain("data-testid=\"console-link\""), "the account page leads an administrator to the console");
            Assert.That(entered, Is.Not.Empty);
            Assert.That(entered.Select(e => e.Actor), Has.All.EqualTo("user:" + admin.UserId));
        });
    }

    [Test]
    public async Task A_user_without_the_administrator_role_gets_a_403_page_and_the_refusal_is_audited()
    {
        var user = await CreateUserAsync();
        var secret = await Authenticator.EnrolAsync(Server, user);
        using var browser = NewBrowser();
        using var challenge = await browser.GetAsync("/admin/users");
        using var toLogin = await browser.GetAsync(challenge.Headers.Location!.OriginalString);
        using var askedForCode = await browser.SignInAsync(toLogin, user, Password);
        using var refused = await Authenticator.GiveCodeAsync(browser, askedForCode, Server, secret);
        var html = await refused.Content.ReadAsStringAsync();
        using var stillOut = await browser.GetAsync("/admin/users");
        var account = await PageAsync(browser, "/account");
        var audited = await AuditedAsync("console.refused", await StoredSessions.UserIdAsync(Server, user));

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refused.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/admin/sign-in"));
            Assert.That(html, Does.Contain("data-testid=\"console-refused\"").And.Contain("may not use the admin console"));
            Assert.That(stillOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "no console session was made");
            Assert.That(stillOut.Headers.Location?.OriginalString, Does.StartWith("/admin/sign-in"));
            Assert.That(audited.Select(e => e.Detail), Has.Some.EqualTo("not_an_administrator"));
            Assert.That(account, Does.Not.Contain("console-link"), "and shows no link to anyone else");
        });
    }

    [Test]
    public async Task An_administrator_signed_in_without_a_second_factor_is_refused_until_an_authenticator_is_set_up()
    {
        var user = await CreateUserAsync();
        await SetAdministratorAsync(user, held: true);
        using var browser = NewBrowser();
        using var challenge = await browser.GetAsync("/admin");
        using var toLogin = await browser.GetAsync(challenge.Headers.Location!.OriginalString);
        using var signedIn = await browser.SignInAsync(toLogin, user, Password);
        using var refused = await browser.FollowLocalRedirectsAsync(signedIn);
        var html = await refused.Content.ReadAsStringAsync();
        using var dashboard = await browser.GetAsync("/admin");
        var audited = await AuditedAsync("console.refused", await StoredSessions.UserIdAsync(Server, user));

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(html, Does.Contain("no authenticator app yet").And.Contain("/account/mfa/enrol?ReturnUrl=%2Fadmin%2Fsign-in"));
            Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a password alone does not open the console");
            Assert.That(audited.Select(e => e.Detail), Has.Some.EqualTo("no_second_factor"));
        });
    }

    [Test]
    public async Task The_console_cookie_alone_or_beside_another_users_session_opens_nothing()
    {
        using var admin = await EnterConsoleAsync();
        var consoleCookie = admin.Browser.Cookies.GetCookies(new Uri(Server.BaseAddress, "/admin")).Single(c => c.Name == "auth.console");

        using var alone = NewBrowser();
        alone.Cookies.Add(new Uri(Server.BaseAddress, "/admin"), new Cookie(consoleCookie.Name, consoleCookie.Value, "/admin"));
        using var aloneAnswer = await alone.GetAsync("/admin/users");

        var other = await CreateUserAsync();
        using var otherBrowser = NewBrowser();
        using var otherChallenge = await otherBrowser.GetAsync("/account");
        using var otherSignedIn = await otherBrowser.SignInAsync(otherChallenge, other, Password);
        otherBrowser.Cookies.Add(new Uri(Server.BaseAddress, "/admin"), new Cookie(consoleCookie.Name, consoleCookie.Value, "/admin"));
        using var besideOther = await otherBrowser.GetAsync("/admin/users");

        Assert.Multiple(() =>
        {
            Assert.That(aloneAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(aloneAnswer.Headers.Location?.OriginalString, Does.StartWith("/admin/sign-in"));
            Assert.That(besideOther.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the console session is bound to the sign-in session it was entered from");
        });
    }

    [Test]
    public async Task The_console_ends_with_the_role_with_the_sign_in_session_and_after_thirty_idle_minutes()
    {
        using var withdrawn = await EnterConsoleAsync();
        await SetAdministratorAsync(withdrawn.UserName, held: false);
        using var afterWithdrawal = await withdrawn.Browser.GetAsync("/admin/users");

        using var signedOut = await EnterConsoleAsync();
        using var logoutPage = await signedOut.Browser.GetAsync("/oauth/logout");
        using var logout = await signedOut.Browser.SubmitFormAsync(await logoutPage.Content.ReadAsStringAsync(), "/oauth/logout", new Dictionary<string, string>(), button: "confirm=yes");

        using var afterLogout = await signedOut.Browser.GetAsync("/admin/users");

        using var idle = await EnterConsoleAsync();
        Server.Clock.Advance(TimeSpan.FromMinutes(20));
        using var stillIn = await idle.Browser.GetAsync("/admin/users");
        Server.Clock.Advance(TimeSpan.FromMinutes(29));
        using var slidOn = await idle.Browser.GetAsync("/admin/users");
        Server.Clock.Advance(TimeSpan.FromMinutes(31));
        using var afterIdle = await idle.Browser.GetAsync("/admin/users");
        using var reentered = await idle.Browser.GetAsync(afterIdle.Headers.Location!.OriginalString);

        Assert.Multiple(() =>
        {
            Assert.That(afterWithdrawal.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a withdrawn role ends the console at the next request");
            Assert.That(afterLogout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signing out ends the console");
            Assert.That(stillIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(slidOn.StatusCode, Is.EqualTo(HttpStatusCode.OK), "each request renews the idle time");
            Assert.That(afterIdle.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "thirty minutes without a request end the console");
            Assert.That(afterIdle.Headers.Location?.OriginalString, Does.StartWith("/admin/sign-in"));
            Assert.That(reentered.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the sign-in session (8 hours) still lets the administrator back in");
            Assert.That(reentered.Headers.Location?.OriginalString, Is.EqualTo("/admin/users"));
        });
    }

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example/")]
    [TestCase("/account")]
    [TestCase("/admin/sign-in")]
    public async Task The_way_in_returns_only_to_a_console_page(string returnUrl)
    {
        using var admin = await EnterConsoleAsync();
        using var answer = await admin.Browser.GetAsync("/admin/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.That(answer.Headers.Location?.OriginalString, Is.EqualTo("/admin"));
    }
}
