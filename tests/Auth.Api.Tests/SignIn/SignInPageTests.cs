using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>The sign-in page: plain HTML, antiforgery-protected, a safe return URL, lockout, and one answer for every failure.</summary>
public sealed class SignInPageTests(StoreKind store) : UserFlowTest(store)
{
    private const string Refusal = "The user name or password is incorrect";

    [Test]
    public async Task The_page_is_a_plain_form_with_labelled_fields_an_antiforgery_token_and_the_clients_name()
    {
        using var browser = NewBrowser();
        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var page = await browser.GetAsync(challenge.Headers.Location!.OriginalString);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("<label for=\"username\">Username</label>"));
            Assert.That(html, Does.Contain("<label for=\"password\">Password</label>"));
            Assert.That(html, Does.Contain(">Sign in</button>"));
            Assert.That(html, Does.Contain("Web App"), "the client's display name");
            Assert.That(html, Does.Not.Contain("<script"), "works without JavaScript");
            Assert.That(UserAgent.HiddenFields(html), Does.ContainKey("__RequestVerificationToken"));
        });
    }

    [Test]
    public async Task The_session_cookie_is_httponly_and_samesite_lax()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var signedIn = await browser.SignInAsync(challenge, user, Password);

        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth.session=", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(cookie, Does.Contain("httponly").IgnoreCase);
            Assert.That(cookie, Does.Contain("samesite=lax").IgnoreCase);
            Assert.That(cookie, Does.Not.Contain("expires=").IgnoreCase, "a session cookie, gone when the browser closes");
        });
    }

    [Test]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();

        using var response = await browser.Http.PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user, ["Password"] = Password }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
    }

    [TestCase("//evil.test/x")]
    [TestCase("/\\evil.test/x")]
    [TestCase("https://evil.test/x")]
    [TestCase("http:evil.test")]
    [TestCase("/%2F%2Fevil.test")]
    public async Task A_return_url_off_this_site_is_ignored(string returnUrl)
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var page = await browser.GetAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var html = await page.Content.ReadAsStringAsync();

        using var response = await browser.SubmitFormAsync(html, "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["UserName"] = user, ["Password"] = Password });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!;
        Assert.That(location.IsAbsoluteUri ? location.Host : "local", Is.Not.EqualTo("evil.test"));
        Assert.That(location.OriginalString, Is.EqualTo(returnUrl.StartsWith("/%2F", StringComparison.Ordinal) ? returnUrl : "/"));
    }

    [Test]
    public async Task Wrong_password_unknown_user_and_deactivated_user_get_the_same_answer()
    {
        var user = await CreateUserAsync();
        var deactivated = await CreateUserAsync();
        await DeactivateAsync(deactivated);

        var wrongPassword = await AttemptAsync(user, "not-the-password");
        var unknownUser = await AttemptAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], Password);
        var disabled = await AttemptAsync(deactivated, Password);

        Assert.Multiple(() =>
        {
            Assert.That(wrongPassword.Html, Does.Contain(Refusal));
            Assert.That(unknownUser.Html, Does.Contain(Refusal));
            Assert.That(disabled.Html, Does.Contain(Refusal));
            Assert.That(new[] { wrongPassword.Status, unknownUser.Status, disabled.Status }, Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(new[] { wrongPassword.SignedIn, unknownUser.SignedIn, disabled.SignedIn }, Is.All.False);
        });
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        var user = await CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await AttemptAsync(user, "wrong-" + i)).SignedIn, Is.False);
        }

        var locked = await AttemptAsync(user, Password);
        Assert.That(locked.SignedIn, Is.False, "locked: even the right password is refused");
        Assert.That(locked.Html, Does.Contain(Refusal), "and the answer is the same as for a wrong password");

        Server.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.That((await AttemptAsync(user, Password)).SignedIn, Is.False);

        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That((await AttemptAsync(user, Password)).SignedIn, Is.True, "the lockout ends after 15 minutes");
    }

    [Test]
    public async Task A_successful_sign_in_resets_the_failure_count()
    {
        var user = await CreateUserAsync();
        for (var i = 0; i < 4; i++)
        {
            await AttemptAsync(user, "wrong-" + i);
        }

        Assert.That((await AttemptAsync(user, Password)).SignedIn, Is.True);
        for (var i = 0; i < 4; i++)
        {
            await AttemptAsync(user, "wrong-" + i);
        }

        Assert.That((await AttemptAsync(user, Password)).SignedIn, Is.True);
    }

    [Test]
    public async Task Parallel_wrong_passwords_are_all_counted()
    {
        var user = await CreateUserAsync();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => AttemptAsync(user, "wrong-" + i)));

        Assert.That((await AttemptAsync(user, Password)).SignedIn, Is.False, "five failures at once lock the account too");
    }

    [TestCase("login")]
    [TestCase("select_account")]
    public async Task A_signed_in_user_is_not_asked_again_unless_prompt_login_or_select_account(string prompt)
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var again = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        Assert.That(CallbackParameters(again, TestSeed.WebAppCallback), Does.ContainKey("code"));

        using var forced = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", prompt)]));
        Assert.That(UserAgent.PathOf(forced.Headers.Location!), Is.EqualTo("/account/login"));
        var signedInAgain = await browser.FollowLocalRedirectsAsync(await browser.SignInAsync(forced, user, Password));
        Assert.That(CallbackParameters(signedInAgain, TestSeed.WebAppCallback), Does.ContainKey("code"), "after signing in again the flow completes");
    }

    [Test]
    public async Task Prompt_none_without_a_session_returns_login_required_to_the_client()
    {
        using var browser = NewBrowser();
        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none")]));

        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        Assert.That(parameters["error"], Is.EqualTo("login_required"));
        Assert.That(parameters["state"], Is.EqualTo("state-123"));
    }

    [Test]
    public async Task Max_age_sends_a_user_whose_session_is_older_back_to_sign_in()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        Server.Clock.Advance(TimeSpan.FromMinutes(10));

        using var fresh = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("max_age", "3600")]));
        using var stale = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("max_age", "300")]));

        Assert.That(CallbackParameters(fresh, TestSeed.WebAppCallback), Does.ContainKey("code"));
        Assert.That(UserAgent.PathOf(stale.Headers.Location!), Is.EqualTo("/account/login"));
    }

    [Test]
    public async Task Deactivating_a_user_ends_their_session()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        await DeactivateAsync(user);
        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));

        Assert.That(UserAgent.PathOf(response.Headers.Location!), Is.EqualTo("/account/login"));
    }

    private async Task<(HttpStatusCode Status, string Html, bool SignedIn)> AttemptAsync(string userName, string password)
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync("/account/login");
        using var response = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), "/account/login",
            new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
        var signedIn = response.StatusCode == HttpStatusCode.Redirect &&
                       response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("auth.session=", StringComparison.Ordinal));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), signedIn);
    }
}
