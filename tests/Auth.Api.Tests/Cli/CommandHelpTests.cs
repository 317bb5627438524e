using System.CommandLine;
using Auth.Api.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Cli;

/// <summary>Every command and sub-command, walked from the tree itself so a new one cannot be missed, answers --help.</summary>
public sealed class CommandHelpTests
{
    [Test]
    public async Task Every_command_prints_its_usage_on_standard_output_for_help_and_exits_0()
    {
        // Help never reaches a verb's action, so it needs no store.
        await using var services = new ServiceCollection().BuildServiceProvider();
        var paths = Paths(CommandLine.Create(services), []).ToList();
        Assert.That(paths, Has.Member(new[] { "users", "consents", "withdraw" }).And.Member(new[] { "clients", "token" }).And.Member(new[] { "audit", "list" }));

        foreach (var path in paths)
        {
            await using var output = new StringWriter();
            await using var error = new StringWriter();
            var exitCode = await CommandLine.InvokeAsync(services, [.. path, "--help"], output, error);

            var name = string.Join(' ', path);
            var usage = path.Length == 0 ? " [command] [options]" : $" {name} [";
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, name);
                Assert.That(output.ToString(), Does.Contain("Usage:").And.Contain(usage), name);
                Assert.That(error.ToString(), Is.Empty, name);
            });
        }
    }

    [Test]
    public void Every_command_without_sub_commands_does_something()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var root = CommandLine.Create(services);

        foreach (var path in Paths(root, []).Where(p => p.Length > 0))
        {
            var command = path.Aggregate((Command)root, (parent, name) => parent.Subcommands.Single(c => c.Name == name));
            Assert.That(command.Subcommands.Count > 0 || command.Action is not null, Is.True, string.Join(' ', path));
        }
    }

    private static IEnumerable<string[]> Paths(Command command, string[] path) =>
        command.Subcommands.SelectMany(sub => Paths(sub, [.. path, sub.Name])).Prepend(path);
}
