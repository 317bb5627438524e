using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary>
/// How the executable tells a command from the server, and what it does with words it does not know: refuses them
/// (exit code 2, the closest verb or option on standard error) rather than starting the server or ignoring them.
/// </summary>
public sealed class CommandLineTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_misspelt_verb_is_refused_with_the_closest_verb_and_never_starts_the_server()
    {
        // A process that started the server would not exit: AuthExecutable fails the test after 60 s.
        var outcome = await AuthExecutable.RunAsync(Server.Store, "client", "list");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Error);
            Assert.That(outcome.Error, Does.Contain("'client'"), "the message names the unknown word");
            Assert.That(outcome.Error, Does.Contain("Did you mean").And.Contain("clients"));
            Assert.That(outcome.Output, Is.Empty, "standard output stays clean for scripts");
        });
    }

    [Test]
    public async Task Misspelt_options_are_refused_with_the_closest_options_and_nothing_is_created()
    {
        var clientId = "misspelt-" + Guid.NewGuid().ToString("N")[..8];
        var outcome = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", clientId, "--grant", "authorization_code", "--redirect-uri", "https://misspelt.example/cb",
            "--thirdparty", "--require-mfaa");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Error);
            Assert.That(outcome.Error, Does.Contain("'--thirdparty'").And.Contain("--third-party"));
            Assert.That(outcome.Error, Does.Contain("'--require-mfaa'").And.Contain("--require-mfa"));
        });
        var listed = await AuthExecutable.RunAsync(Server.Store, "clients", "list");
        Assert.That(listed.Output, Does.Not.Contain(clientId), "a refused command changes nothing");
    }

    [Test]
    public async Task The_value_of_a_misspelt_option_is_not_repeated_on_standard_error()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "users", "add", "--name", "typo-" + Guid.NewGuid().ToString("N")[..8], "--pasword", "S3cret-never-shown");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Error);
            Assert.That(outcome.Error, Does.Contain("'--pasword'").And.Contain("--password"));
            Assert.That(outcome.Error + outcome.Output, Does.Not.Contain("S3cret-never-shown"), "a password typed after a misspelt option stays out of logs");
        });
    }

    [Test]
    public async Task A_missing_required_option_is_refused_with_exit_code_2_naming_it()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "clients", "remove");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Error, Does.Contain("--id"));
        });
    }

    [Test]
    public async Task A_value_of_the_wrong_kind_is_refused_with_exit_code_2_and_the_rule()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "audit", "list", "--count", "many");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Error, Does.Contain("--count is a positive whole number"));
        });
    }

    [Test]
    public async Task Help_is_printed_on_standard_output_for_the_executable_and_each_verb()
    {
        foreach (var args in new string[][] { ["--help"], ["help"], ["clients", "add", "--help"], ["users", "mfa", "reset", "-h"] })
        {
            var outcome = await AuthExecutable.RunAsync(Server.Store, args);

            Assert.Multiple(() =>
            {
                Assert.That(outcome.ExitCode, Is.Zero, string.Join(' ', args) + ": " + outcome.Error);
                Assert.That(outcome.Output, Does.Contain("Usage:"), string.Join(' ', args));
            });
        }

        var add = await AuthExecutable.RunAsync(Server.Store, "clients", "add", "--help");
        Assert.That(add.Output, Does.Contain("--third-party").And.Contain("--require-mfa").And.Contain("--refresh-token-absolute-lifetime"));
    }

    [Test]
    public async Task Configuration_overrides_before_or_after_the_verb_reach_the_command()
    {
        const string before = "https://before.example/";
        const string after = "https://after.example/";

        var first = await AuthExecutable.RunAsync(Server.Store, "--OAuth:Issuer", before, "clients", "token", "--id", TestSeed.ScimClient.Id, "--days", "1");
        var second = await AuthExecutable.RunAsync(Server.Store, "clients", "token", "--id", TestSeed.ScimClient.Id, "--days", "1", $"--OAuth:Issuer={after}");

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Error);
            Assert.That(second.ExitCode, Is.Zero, second.Error);
        });
        Assert.Multiple(() =>
        {
            Assert.That(Jwt.Payload(first.Output.Trim())["iss"]!.GetValue<string>(), Is.EqualTo(before));
            Assert.That(Jwt.Payload(second.Output.Trim())["iss"]!.GetValue<string>(), Is.EqualTo(after));
        });
    }
}
