using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary>
/// The operator's user verbs beyond add and disable (issue #16): enable, unlock, password set, and a user's sessions,
/// run through the service's own executable against the same store as the server.
/// </summary>
public sealed class UserAdministrationVerbTests(StoreKind store) : UserFlowTest(store)
{
    private const string NewPassword = "a-new-password-from-the-operator";

    [Test]
    public async Task A_disabled_user_enabled_again_signs_in_afresh_while_the_tokens_revoked_by_disabling_stay_revoked()
    {
        var (user, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes + " offline_access");
        var probes = TokenProbe.OfUser(Server.Client, AccessToken(tokens), TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        var disabled = await AuthExecutable.RunAsync(Server.Store, "users", "disable", "--name", user);
        var acknowledged = Propagation.Now();
        Assert.That(disabled.ExitCode, Is.Zero, disabled.Error);
        await Propagation.AssertRefusedWithinLimitAsync("users disable (CLI)", acknowledged, probes);

        var enabled = await AuthExecutable.RunAsync(Server.Store, "users", "enable", "--name", user);
        Assert.That(enabled.ExitCode, Is.Zero, enabled.Error);
        Assert.That(enabled.Output, Does.Contain("enabled"));
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "users", "list")).Output, Does.Contain(user + "\tactive"));

        await TokenProbe.AssertRefusedAtOnceAsync(probes);
        using (var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!))
        {
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the refresh token revoked by disabling stays revoked");
        }

        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, TestSeed.MfaScopes);
        var fresh = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        await TokenProbe.AssertAcceptedAsync(TokenProbe.OfUser(Server.Client, AccessToken(fresh), TestSeed.WebApp), "after enabling, for a new sign-in");

        var again = await AuthExecutable.RunAsync(Server.Store, "users", "enable", "--name", user);
        Assert.That(again.ExitCode, Is.Zero, again.Error);
        Assert.That(again.Output, Does.Contain("was not disabled"), "enabling an active user changes nothing");
    }

    [Test]
    public async Task A_locked_out_user_unlocked_signs_in_with_the_right_password_at_once()
    {
        var user = await CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await SignsInAsync(user, "wrong-" + i), Is.False);
        }

        Assert.That(await SignsInAsync(user, Password), Is.False, "locked: even the right password is refused");
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "users", "list")).Output, Does.Contain(user + "\tlocked"));

        var unlocked = await AuthExecutable.RunAsync(Server.Store, "users", "unlock", "--name", user);

        Assert.That(unlocked.ExitCode, Is.Zero, unlocked.Error);
        Assert.That(unlocked.Output, Does.Contain("unlocked"));
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "users", "list")).Output, Does.Contain(user + "\tactive"));
        Assert.That(await SignsInAsync(user, Password), Is.True, "the lockout is lifted before its 15 minutes are over");
    }

    [Test]
    public async Task A_password_set_from_standard_input_signs_in_the_old_one_does_not_and_the_users_sessions_and_tokens_end()
    {
        var (user, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        Assert.That(await StoredSessions.OfAsync(Server, user), Has.Count.EqualTo(2));
        var probes = TokenProbe.OfUser(Server.Client, AccessToken(tokens), TestSeed.WebApp);
        await TokenProbe.AssertAcceptedAsync(probes);

        var set = await AuthExecutable.RunWithInputAsync(Server.Store, NewPassword + "\n", "users", "password", "set", "--name", user, "--password-stdin");
        var acknowledged = Propagation.Now();

        Assert.That(set.ExitCode, Is.Zero, set.Error);
        Assert.That(set.Output + set.Error, Does.Not.Contain(NewPassword), "the password is never echoed");
        await Propagation.AssertRefusedWithinLimitAsync("users password set (CLI)", acknowledged, probes);
        Assert.That(await StoredSessions.OfAsync(Server, user), Is.Empty, "every session of the user ended");
        Assert.That(await SignsInAsync(user, Password), Is.False, "the old password");
        Assert.That(await SignsInAsync(user, NewPassword), Is.True, "the new password");
    }

    [Test]
    public async Task A_password_the_policy_refuses_fails_with_the_rule_and_changes_nothing()
    {
        var user = await CreateUserAsync();

        var tooShort = await AuthExecutable.RunAsync(Server.Store, "users", "password", "set", "--name", user, "--password", "short");
        var both = await AuthExecutable.RunWithInputAsync(Server.Store, NewPassword + "\n",
            "users", "password", "set", "--name", user, "--password", NewPassword, "--password-stdin");
        var neither = await AuthExecutable.RunAsync(Server.Store, "users", "password", "set", "--name", user);

        Assert.Multiple(() =>
        {
            Assert.That(tooShort.ExitCode, Is.EqualTo(1), tooShort.Error);
            Assert.That(tooShort.Error, Does.Contain("at least 8 characters"));
            Assert.That(tooShort.Error, Does.Not.Contain("short"), "the refused password is not repeated");
            Assert.That(both.ExitCode, Is.EqualTo(2), both.Error);
            Assert.That(both.Error, Does.Contain("not both"));
            Assert.That(neither.ExitCode, Is.EqualTo(2), neither.Error);
            Assert.That(neither.Error, Does.Contain("--password-stdin"));
        });
        Assert.That(await SignsInAsync(user, Password), Is.True, "the password is unchanged");
    }

    [Test]
    public async Task A_users_sessions_are_listed_with_their_clients_and_one_ended_leaves_the_other()
    {
        var user = await CreateUserAsync();
        using var first = NewBrowser();
        await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, Pkce.Create(), browser: first);
        using var second = NewBrowser();
        await SignInThroughAsync(second, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        using var third = NewBrowser();
        await GetCodeAsync(user, TestSeed.HrPortal.Id, TestSeed.HrPortalCallback, Pkce.Create(), "openid profile", browser: third);

        var listed = await AuthExecutable.RunAsync(Server.Store, "users", "sessions", "list", "--name", user);

        Assert.That(listed.ExitCode, Is.Zero, listed.Error);
        var lines = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
        var stored = await StoredSessions.OfAsync(Server, user);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(3));
            Assert.That(lines.Select(l => l.Length), Is.All.EqualTo(4), listed.Output);
            Assert.That(lines.Select(l => l[0]), Is.EquivalentTo(stored.Select(s => s.Id)));
            Assert.That(lines.Select(l => DateTimeOffset.Parse(l[1], System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered.Descending, "newest first");
            Assert.That(lines.Select(l => l[3]), Is.EqualTo(new[] { TestSeed.HrPortal.Id, TestSeed.WebApp.Id, TestSeed.WebApp.Id }));
        });

        // The oldest session is the first browser's.
        var ended = await AuthExecutable.RunAsync(Server.Store, "users", "sessions", "end", "--name", user, "--id", lines[2][0]);

        Assert.That(ended.ExitCode, Is.Zero, ended.Error);
        Assert.That((await SilentlyAsync(first)).GetValueOrDefault("error"), Is.EqualTo("login_required"), "the ended session's cookie is refused");
        Assert.That(await SilentlyAsync(second), Does.ContainKey("code"), "the user's other session goes on");
        var after = await AuthExecutable.RunAsync(Server.Store, "users", "sessions", "list", "--name", user);
        Assert.That(after.Output, Does.Not.Contain(lines[2][0]).And.Contain(lines[1][0]));
    }

    [Test]
    public async Task A_session_of_another_user_is_not_ended()
    {
        var owner = await CreateUserAsync();
        var other = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), owner);
        var session = (await StoredSessions.OfAsync(Server, owner)).Single().Id;

        var refused = await AuthExecutable.RunAsync(Server.Store, "users", "sessions", "end", "--name", other, "--id", session);

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("has no session"));
        Assert.That(await SilentlyAsync(browser), Does.ContainKey("code"));
    }

    [TestCase("enable")]
    [TestCase("unlock")]
    [TestCase("password set --password long-enough-password")]
    [TestCase("sessions list")]
    [TestCase("sessions end --id some-session")]
    public async Task An_unknown_user_fails_with_exit_code_1_and_a_message(string verb)
    {
        string[] args = ["users", .. verb.Split(' '), "--name", "nobody-at-all"];

        var outcome = await AuthExecutable.RunAsync(Server.Store, args);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Error);
        Assert.That(outcome.Error, Does.Contain("No user is named 'nobody-at-all'"));
    }

    private static string AccessToken(JsonElement tokens) => tokens.GetProperty("access_token").GetString()!;

    /// <summary>A password sign-in on the login page, outside any authorization request: whether it started a session.</summary>
    private async Task<bool> SignsInAsync(string userName, string password)
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync("/account/login");
        using var response = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), "/account/login",
            new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect &&
               response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("auth.session=", StringComparison.Ordinal));
    }

    private static async Task<Dictionary<string, string>> SilentlyAsync(UserAgent browser)
    {
        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none")]));
        return CallbackParameters(response, TestSeed.WebAppCallback);
    }
}
