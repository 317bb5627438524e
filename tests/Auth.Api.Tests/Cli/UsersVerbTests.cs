using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

public sealed class UsersVerbTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task A_user_added_on_the_command_line_signs_in_and_cannot_once_disabled()
    {
        var userName = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store, "users", "add", "--name", userName, "--password", Password, "--email", userName + "@example.com");
        Assert.That(added.ExitCode, Is.Zero, added.Error);

        var listed = await AuthExecutable.RunAsync(Server.Store, "users", "list");
        Assert.That(listed.Output, Does.Contain(userName + "\tactive"));
        Assert.That(listed.Output, Does.Not.Contain("pbkdf2"), "no hash is ever printed");

        using (var browser = NewBrowser())
        {
            var callback = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), userName);
            Assert.That(CallbackParameters(callback, TestSeed.WebAppCallback), Does.ContainKey("code"));
        }

        var disabled = await AuthExecutable.RunAsync(Server.Store, "users", "disable", "--name", userName);
        Assert.That(disabled.ExitCode, Is.Zero, disabled.Error);
        Assert.That((await AuthExecutable.RunAsync(Server.Store, "users", "list")).Output, Does.Contain(userName + "\tdisabled"));

        using var again = NewBrowser();
        var challenge = await again.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var refused = await again.SignInAsync(challenge, userName, Password);
        Assert.That(refused.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "the sign-in page is shown again, with the refusal");
    }

    [Test]
    public async Task Disabling_an_unknown_user_fails_with_a_message()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "users", "disable", "--name", "nobody-at-all");

        Assert.That(outcome.ExitCode, Is.Not.Zero);
        Assert.That(outcome.Error, Does.Contain("No user is named"));
    }
}
