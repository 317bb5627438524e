using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// OpenID Connect Core §3.1.2.1 max_age: a session older than asked for means a new sign-in; one sign-in is enough,
/// whatever the value, and the age is measured exactly, not in whole seconds.
/// </summary>
public sealed class MaxAgeTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Max_age_1_completes_in_one_sign_in_even_when_the_way_back_takes_longer()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce, extra: [("max_age", "1")]));

        using var signedIn = await browser.SignInAsync(challenge, user, Password);
        Server.Clock.Advance(TimeSpan.FromSeconds(2));
        using var callback = await browser.FollowLocalRedirectsAsync(signedIn);

        Assert.Multiple(() =>
        {
            Assert.That(signedIn.Headers.Location!.OriginalString, Does.Not.Contain("max_age"), "the sign-in satisfied max_age: it is not asked again");
            Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback), Does.ContainKey("code"));
        });
    }

    [Test]
    public async Task Max_age_0_asks_for_the_password_even_with_a_fresh_session_and_then_completes()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var pkce = Pkce.Create();

        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce, extra: [("max_age", "0")]));
        Assert.That(UserAgent.PathOf(challenge.Headers.Location!), Is.EqualTo("/account/login"), "max_age=0 is prompt=login");
        Server.Clock.Advance(TimeSpan.FromSeconds(5));
        var signingInAt = Server.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var signedIn = await browser.SignInAsync(challenge, user, Password);
        using var callback = await browser.FollowLocalRedirectsAsync(signedIn);

        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var authTime = Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["auth_time"]!.GetValue<long>();
        Assert.That(authTime, Is.GreaterThanOrEqualTo(signingInAt), "auth_time is the new sign-in, not the session 5 s older");
    }

    [Test]
    public async Task A_session_older_than_max_age_asks_for_the_password_and_the_new_sign_in_counts()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        var pkce = Pkce.Create();

        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce, extra: [("max_age", "60")]));
        Assert.That(UserAgent.PathOf(challenge.Headers.Location!), Is.EqualTo("/account/login"));
        using var signedIn = await browser.SignInAsync(challenge, user, Password);
        using var callback = await browser.FollowLocalRedirectsAsync(signedIn);
        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);

        var authTime = Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["auth_time"]!.GetValue<long>();
        Assert.That(Server.Clock.GetUtcNow().ToUnixTimeSeconds() - authTime, Is.LessThanOrEqualTo(60), "the ID token's auth_time meets max_age");
    }

    [Test]
    public async Task A_user_with_a_second_factor_who_signs_in_again_for_max_age_gets_a_session_of_that_time()
    {
        var user = await CreateUserAsync();
        var secret = await Authenticator.EnrolAsync(Server, user);
        using var browser = NewBrowser();
        var first = await browser.SignInAsync(await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create())), user, Password);
        using var firstCallback = await Authenticator.GiveCodeAsync(browser, first, Server, secret);
        Server.Clock.Advance(TimeSpan.FromMinutes(10));
        var pkce = Pkce.Create();

        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce, extra: [("max_age", "60")]));
        using var asked = await browser.SignInAsync(challenge, user, Password);
        using var callback = await Authenticator.GiveCodeAsync(browser, asked, Server, secret);
        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);

        var authTime = Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["auth_time"]!.GetValue<long>();
        Assert.That(Server.Clock.GetUtcNow().ToUnixTimeSeconds() - authTime, Is.LessThanOrEqualTo(60), "the new sign-in, not the one 10 minutes before");
    }

    [Test]
    public async Task The_age_of_a_session_is_measured_to_the_fraction_of_a_second()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();

        // The user signs in at .7 of a second, on a stopped clock, and comes back 0.8 s later with max_age=1: the
        // session is fresh, though in whole seconds (signed in "at" .0) it would look 1.5 s old.
        var now = DateTimeOffset.UtcNow;
        var signInAt = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1).AddMilliseconds(700);
        Server.Clock.StopAt(signInAt);
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        Server.Clock.Advance(TimeSpan.FromMilliseconds(800));

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("max_age", "1")]));

        Assert.That(CallbackParameters(response, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    [TestCase("-1")]
    [TestCase("abc")]
    [TestCase("1.5")]
    public async Task A_max_age_that_is_not_a_whole_number_of_seconds_is_invalid_request(string maxAge)
    {
        using var browser = NewBrowser();

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("max_age", maxAge)]));

        Assert.That(CallbackParameters(response, TestSeed.WebAppCallback)["error"], Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task A_max_age_beyond_any_duration_is_met_by_a_session_and_is_no_server_error()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("max_age", "9223372036854775807")]));

        Assert.That(CallbackParameters(response, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }
}
