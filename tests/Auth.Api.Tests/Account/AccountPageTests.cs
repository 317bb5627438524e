using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Admin;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Account;

/// <summary>
/// The account page (/account, issue #17) through the real pipeline with a cookie-keeping HTTP client: a user changes
/// their own password, ends sessions, withdraws an app and manages their authenticator, and cannot act on another
/// user's session or without the page's antiforgery token.
/// </summary>
public sealed partial class AccountPageTests(StoreKind store) : UserFlowTest(store)
{
    private const string NewPassword = "a-brand-new-passphrase-7";

    [Test]
    public async Task Without_a_session_the_page_sends_to_sign_in_and_comes_back_to_the_account()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();

        using var challenge = await browser.GetAsync("/account");
        var location = challenge.Headers.Location?.OriginalString;
        using var signedIn = await browser.SignInAsync(challenge, user, Password);
        using var page = await browser.FollowLocalRedirectsAsync(signedIn);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(location, Is.EqualTo("/account/login?ReturnUrl=%2Faccount"));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/account"));
            Assert.That(html, Does.Contain(user).And.Contain(user + "@example.com"), "the profile");
            Assert.That(html, Does.Contain("this browser"), "the session list marks this one");
            Assert.That(html, Does.Contain("Set up an authenticator"));
            Assert.That(page.Headers.CacheControl?.NoStore, Is.True, "a page of personal data is not cached");
        });
    }

    [Test]
    public async Task Changing_the_password_needs_the_current_one_and_ends_every_other_session_and_token()
    {
        var user = await CreateUserAsync();
        var (browser, html) = await SignedInAsync(user);
        var (other, _) = await SignedInAsync(user);
        var (_, tokens) = await TokensOfAsync(user);

        using var wrong = await SubmitAsync(browser, html, "Password", new() { ["CurrentPassword"] = "not-the-password-0", ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        var failuresAfterWrong = await FailedSignInsAsync(user);
        using var mismatch = await SubmitAsync(browser, html, "Password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword + "x" });
        using var changed = await SubmitAsync(browser, html, "Password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        using var stillHere = await browser.GetAsync("/account");
        using var otherAfter = await other.GetAsync("/account");

        Assert.Multiple(async () =>
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("current password is not correct"));
            Assert.That(failuresAfterWrong, Is.EqualTo(1), "a wrong current password counts toward the lockout");
            Assert.That(mismatch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await changed.Content.ReadAsStringAsync(), Does.Contain("Your password is changed"));
            Assert.That(stillHere.StatusCode, Is.EqualTo(HttpStatusCode.OK), "this session goes on");
            Assert.That(otherAfter.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the other session has ended");
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.False, "tokens end with the old password");
            using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });

        using var withOld = NewBrowser();
        using var oldRefused = await SignInThroughAsync(withOld, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        using var withNew = NewBrowser();
        using var newWorks = await SignInThroughAsync(withNew, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, NewPassword);
        Assert.Multiple(async () =>
        {
            Assert.That(oldRefused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the old password no longer signs in: the sign-in page again");
            Assert.That(await oldRefused.Content.ReadAsStringAsync(), Does.Contain("role=\"alert\""));
            Assert.That(CallbackParameters(newWorks, TestSeed.WebAppCallback), Does.ContainKey("code"), "the new one does");
        });
        browser.Dispose();
        other.Dispose();
    }

    [Test]
    public async Task A_password_change_racing_an_operators_changes_to_the_user_is_made_on_the_fresh_user()
    {
        var user = await CreateUserAsync();
        var (browser, html) = await SignedInAsync(user);
        var id = await StoredSessions.UserIdAsync(Server, user);
        var admin = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
        var answers = new List<(HttpStatusCode Status, string Page)>();
        var current = Password;
        for (var round = 0; round < 12; round++)
        {
            // Each rename gives the user's row a new version while the change has read it and checks the password.
            var next = current == Password ? NewPassword : Password;
            var renames = Enumerable.Range(0, 3).Select(i => admin.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}",
                new Dictionary<string, object?> { ["display_name"] = $"Name {round}.{i}" })).ToList();
            using var changed = await SubmitAsync(browser, html, "Password", new() { ["CurrentPassword"] = current, ["NewPassword"] = next, ["ConfirmPassword"] = next });
            answers.Add((changed.StatusCode, await changed.Content.ReadAsStringAsync()));
            foreach (var rename in renames)
            {
                Assert.That((await rename).Status, Is.EqualTo(HttpStatusCode.OK));
            }

            current = changed.StatusCode == HttpStatusCode.OK ? next : current;
        }

        using var withLast = NewBrowser();
        using var signedIn = await SignInThroughAsync(withLast, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user, current);
        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK),
                "a change that lost the race is made again: " + string.Join(" | ", answers.Where(a => a.Status != HttpStatusCode.OK).Select(a => (int)a.Status)));
            Assert.That(answers.Select(a => a.Page), Is.All.Contain("Your password is changed"));
            Assert.That(CallbackParameters(signedIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "the last password set signs in");
            Assert.That(current, Is.EqualTo(Password), "twelve changes, each back to the other password, end on the first");
        });
        browser.Dispose();
    }

    [Test]
    public async Task A_session_is_ended_by_its_reference_and_another_users_session_cannot_be()
    {
        var user = await CreateUserAsync();
        var (browser, _) = await SignedInAsync(user);
        var (second, _) = await SignedInAsync(user);
        var strangerName = await CreateUserAsync();
        var (stranger, _) = await SignedInAsync(strangerName);
        var (strangersOther, _) = await SignedInAsync(strangerName);
        using var page = await browser.GetAsync("/account");
        var html = await page.Content.ReadAsStringAsync();
        var references = SessionReferences(html);
        using var strangersPage = await stranger.GetAsync("/account");
        var strangersReference = SessionReferences(await strangersPage.Content.ReadAsStringAsync());

        using var crossUser = await SubmitAsync(browser, html, "EndSession", new() { ["session"] = strangersReference.Single() });
        using var unknown = await SubmitAsync(browser, html, "EndSession", new() { ["session"] = "not-a-reference" });
        using var ended = await SubmitAsync(browser, html, "EndSession", new() { ["session"] = references.Single() });

        Assert.Multiple(async () =>
        {
            Assert.That(references, Has.Count.EqualTo(1), "one other session; this one has no end button");
            Assert.That(html, Does.Not.Contain((await StoredSessions.OfAsync(Server, user)).First().Id), "no session id on the page");
            Assert.That(crossUser.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await second.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the other session ended");
            Assert.That((await strangersOther.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the other user's session goes on");
            Assert.That((await browser.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        browser.Dispose();
        second.Dispose();
        stranger.Dispose();
        strangersOther.Dispose();
    }

    [Test]
    public async Task Signing_out_everywhere_else_keeps_this_browser()
    {
        var user = await CreateUserAsync();
        var (browser, html) = await SignedInAsync(user);
        var (second, _) = await SignedInAsync(user);
        var (third, _) = await SignedInAsync(user);

        using var ended = await SubmitAsync(browser, html, "EndOtherSessions", []);

        Assert.Multiple(async () =>
        {
            Assert.That(await ended.Content.ReadAsStringAsync(), Does.Contain("2 other sessions have ended"));
            Assert.That((await second.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((await third.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((await browser.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StoredSessions.OfAsync(Server, user), Has.Count.EqualTo(1));
        });
        browser.Dispose();
        second.Dispose();
        third.Dispose();
    }

    [Test]
    public async Task Withdrawing_an_app_revokes_its_tokens_and_only_an_app_the_user_allowed_can_be_withdrawn()
    {
        var user = await CreateUserAsync();
        var (browser, _) = await SignedInAsync(user);
        var pkce = Pkce.Create();
        using var consent = await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, "openid profile orders.read", pkce));
        using var allowed = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        var code = CallbackParameters(allowed, TestSeed.PartnerCallback)["code"];
        var accessToken = (await RedeemForTokensAsync(TestSeed.PartnerApp, code, TestSeed.PartnerCallback, pkce.Verifier)).GetProperty("access_token").GetString()!;
        using var page = await browser.GetAsync("/account");
        var html = await page.Content.ReadAsStringAsync();

        using var notAllowed = await SubmitAsync(browser, html, "Withdraw", new() { ["client"] = TestSeed.WebApp.Id });
        var activeBefore = await OAuth.IsActiveAsync(accessToken, TestSeed.PartnerApp);
        using var withdrawn = await SubmitAsync(browser, html, "Withdraw", new() { ["client"] = TestSeed.PartnerApp.Id });

        Assert.Multiple(async () =>
        {
            Assert.That(html, Does.Contain(TestSeed.PartnerApp.Id).And.Contain("orders.read"));
            Assert.That(notAllowed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(activeBefore, Is.True);
            Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OAuth.IsActiveAsync(accessToken, TestSeed.PartnerApp), Is.False, "the app's token is revoked");
            Assert.That(await withdrawn.Content.ReadAsStringAsync(), Does.Contain("None."));
        });
        browser.Dispose();
    }

    [Test]
    public async Task The_authenticator_gets_new_recovery_codes_and_is_removed_only_with_a_current_code()
    {
        var user = await CreateUserAsync();
        var secret = await Authenticator.EnrolAsync(Server, user);
        var (browser, html) = await SignedInWithCodeAsync(user, secret);

        using var codes = await SubmitAsync(browser, html, "RecoveryCodes", new() { ["Code"] = Authenticator.Code(Server, secret) });
        var codesHtml = await codes.Content.ReadAsStringAsync();
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        using var wrong = await SubmitAsync(browser, codesHtml, "RemoveAuthenticator", new() { ["Code"] = "000000" });
        using var removed = await SubmitAsync(browser, codesHtml, "RemoveAuthenticator", new() { ["Code"] = Authenticator.Code(Server, secret) });
        using var afterwards = await browser.GetAsync("/account");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("An authenticator app is set up"));
            Assert.That(codes.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(RecoveryCode().Matches(codesHtml), Has.Count.EqualTo(10), "ten new codes, shown once");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(removed.Headers.Location?.OriginalString, Does.StartWith("/account/login"), "removal ends the sessions, this one too");
            Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        });

        var (again, againHtml) = await SignedInAsync(user);
        Assert.That(againHtml, Does.Contain("Set up an authenticator"), "the password alone signs in again");
        again.Dispose();
        browser.Dispose();
    }

    [Test]
    public async Task A_new_password_below_the_policy_or_a_malformed_code_is_shown_on_the_page_and_changes_nothing()
    {
        var user = await CreateUserAsync();
        var (browser, html) = await SignedInAsync(user);

        using var tooShort = await SubmitAsync(browser, html, "Password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = "short", ["ConfirmPassword"] = "short" });
        using var sameAgain = await SubmitAsync(browser, html, "Password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = Password, ["ConfirmPassword"] = Password });
        using var malformedCode = await SubmitAsync(browser, html, "RecoveryCodes", new() { ["Code"] = "abc" });

        Assert.Multiple(async () =>
        {
            Assert.That(tooShort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooShort.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"), "the page, with the message on its form");
            Assert.That(await tooShort.Content.ReadAsStringAsync(), Does.Contain("role=\"alert\"").And.Contain("characters"));
            Assert.That(sameAgain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await sameAgain.Content.ReadAsStringAsync(), Does.Contain("must differ"));
            Assert.That(malformedCode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(malformedCode.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await FailedSignInsAsync(user), Is.Zero, "a refused new password is not a wrong current one");
        });
        browser.Dispose();
    }

    [TestCase("Password")]
    [TestCase("EndSession")]
    [TestCase("EndOtherSessions")]
    [TestCase("Withdraw")]
    [TestCase("RecoveryCodes")]
    [TestCase("RemoveAuthenticator")]
    public async Task Every_form_is_refused_without_the_pages_antiforgery_token(string handler)
    {
        var user = await CreateUserAsync();
        var (browser, html) = await SignedInAsync(user);
        var (second, _) = await SignedInAsync(user);
        var fields = UserAgent.HiddenFields(html);
        fields.Remove("__RequestVerificationToken");
        fields["CurrentPassword"] = Password;
        fields["NewPassword"] = fields["ConfirmPassword"] = NewPassword;

        using var forged = await browser.Http.PostAsync("/account?handler=" + handler, new FormUrlEncodedContent(fields));

        Assert.Multiple(async () =>
        {
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await second.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "nothing ended");
            using var oldPassword = NewBrowser();
            using var signIn = await SignInThroughAsync(oldPassword, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
            Assert.That(CallbackParameters(signIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "the password did not change");
        });
        browser.Dispose();
        second.Dispose();
    }

    private async Task<(UserAgent Browser, string Html)> SignedInAsync(string user)
    {
        var browser = NewBrowser();
        using var challenge = await browser.GetAsync("/account");
        using var signedIn = await browser.SignInAsync(challenge, user, Password);
        using var page = await browser.FollowLocalRedirectsAsync(signedIn);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (browser, await page.Content.ReadAsStringAsync());
    }

    private async Task<(UserAgent Browser, string Html)> SignedInWithCodeAsync(string user, string secret)
    {
        var browser = NewBrowser();
        using var challenge = await browser.GetAsync("/account");
        using var askedForCode = await browser.SignInAsync(challenge, user, Password);
        using var page = await Authenticator.GiveCodeAsync(browser, askedForCode, Server, secret);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        return (browser, await page.Content.ReadAsStringAsync());
    }

    private async Task<(string UserName, System.Text.Json.JsonElement Tokens)> TokensOfAsync(string user)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);
        return (user, await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier));
    }

    private static Task<HttpResponseMessage> SubmitAsync(UserAgent browser, string html, string handler, Dictionary<string, string> fields) =>
        browser.SubmitFormAsync(html, "/account?handler=" + handler, fields);

    private async Task<int> FailedSignInsAsync(string user)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().Users.AsNoTracking()
            .Where(u => u.UserName == user).Select(u => u.FailedSignInCount).SingleAsync();
    }

    private static List<string> SessionReferences(string html) =>
        [.. SessionField().Matches(html).Select(m => m.Groups["value"].Value)];

    [GeneratedRegex("name=\"session\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex SessionField();

    [GeneratedRegex("""<li><code>[^<]+</code></li>""")]
    private static partial Regex RecoveryCode();
}
