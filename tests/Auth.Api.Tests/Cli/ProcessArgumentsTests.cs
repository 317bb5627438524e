using Auth.Api.Cli;

namespace Auth.Api.Tests.Cli;

/// <summary>Which arguments make the server and which a command: a word the command line does not know is never the server.</summary>
public sealed class ProcessArgumentsTests
{
    [Test]
    public void No_arguments_or_only_host_and_configuration_arguments_run_the_server()
    {
        string[][] servers =
        [
            [],
            ["--urls", "http://127.0.0.1:3001", "--environment=Production"],
            ["--ConnectionStrings:Postgres", "Host=db", "--OAuth:Issuer=https://id.example/"],

            // What WebApplicationFactory passes: every setting as --Key=value, section parents with empty values.
            ["--Storage=", "--Storage:DataDirectory=/tmp/x", "--environment=Testing", "--contentRoot=/app", "--applicationName=Auth.Api"],
        ];

        foreach (var args in servers)
        {
            var split = ProcessArguments.Split(args);
            Assert.Multiple(() =>
            {
                Assert.That(split.IsCommand, Is.False, string.Join(' ', args));
                Assert.That(split.Host, Is.EqualTo(args), "the host reads them all");
            });
        }
    }

    [Test]
    public void Any_other_word_or_option_is_a_command_line_and_configuration_around_it_still_goes_to_the_host()
    {
        var split = ProcessArguments.Split(
            ["--OAuth:Issuer", "https://id.example/", "clients", "add", "--id=x", "--ConnectionStrings:Postgres=Host=db", "--environment", "Staging", "--third-party"]);

        Assert.Multiple(() =>
        {
            Assert.That(split.Command, Is.EqualTo(new[] { "clients", "add", "--id=x", "--third-party" }));
            Assert.That(split.Host, Is.EqualTo(new[] { "--OAuth:Issuer", "https://id.example/", "--ConnectionStrings:Postgres=Host=db", "--environment", "Staging" }));
        });

        string[][] commands = [["client", "list"], ["--help"], ["-h"], ["--version"], ["--verison"], ["--thirdparty", "--require-mfaa"], ["--urls", "x", "lists"]];
        foreach (var args in commands)
        {
            Assert.That(ProcessArguments.Split(args).IsCommand, Is.True, string.Join(' ', args));
        }
    }
}
