using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Auth.Api.Cli;

/// <summary>
/// Operator verbs run through the same executable as the server (<c>Auth.Api clients add ...</c>), against the
/// same configuration and store, without starting the web server. Unknown verbs and options are refused.
/// </summary>
public static class CommandLine
{
    /// <summary>An expected failure: a definition that fails validation, an unknown client or user, an unreadable file.</summary>
    public const int Failure = 1;

    /// <summary>A mistake in how the executable was called: an unknown verb or option, a missing or malformed value.</summary>
    public const int UsageMistake = 2;

    private const string Description = """
        The identity service. Without a command it runs the server; with one, it runs the command against the same
        configuration and store, without starting the server, and exits.

        Host and configuration arguments go to the host: anywhere, configuration overrides --Section:Key=value or
        --Section:Key value, and the host switches --urls, --environment, --contentRoot, --webroot, --applicationName,
        --http_ports, --https_ports and --AllowedHosts; before the command, also any other --Key=value. Environment
        variables work too (ConnectionStrings__Postgres). With no other argument, the server runs. Any other argument
        starts a command line: an unknown command or option is refused, never taken for the server.

        Exit codes: 0 success; 1 a failure (a value the rules refuse, an unknown client or user, an unreadable file);
        2 a mistake in how the command was called (unknown command or option, missing or malformed value).
        """;

    /// <summary>Response files (<c>@file</c>) are off: a value such as a password may start with '@'.</summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>A verb's output is for scripts: its log lines go to standard error.</summary>
    public static WebApplicationBuilder LogToStandardErrorForCommands(this WebApplicationBuilder builder, ProcessArguments arguments)
    {
        if (arguments.IsCommand)
        {
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    public static Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args) =>
        InvokeAsync(app.Services, args, Console.Out, Console.Error);

    /// <summary>The executable's commands; their actions resolve what they need from <paramref name="services"/>.</summary>
    public static RootCommand Create(IServiceProvider services)
    {
        var runner = new VerbRunner(services);
        var root = new RootCommand(Description)
        {
            MigrateVerb.Create(runner),
            SeedVerb.Create(runner),
            ClientsVerb.Create(runner),
            ScopesVerb.Create(runner),
            UsersVerb.Create(runner),
            IdentityProvidersVerb.Create(runner),
            KeysVerb.Create(runner),
            AuditVerb.Create(runner),
            HealthCheckVerb.Create(runner),
        };
        // Wrapped to a width that reads well in a terminal and in the README, whatever the console says.
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            option.Action = new HelpAction { MaxWidth = 120 };
        }

        var help = new Command("help", "Show this help (the same as --help).");
        help.SetAction(arguments => root.Parse(["--help"], Parsing).Invoke(arguments.InvocationConfiguration));
        root.Add(help);
        return root;
    }

    internal static async Task<int> InvokeAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var parsed = Create(services).Parse(args, Parsing);
        if (parsed.Action is ParseErrorAction refusal)
        {
            // The errors and the closest command or option go to standard error, with a pointer to the command's usage
            // rather than the whole of it, so they stay in sight: standard output carries only what verbs print.
            refusal.ShowHelp = false;
            using var report = new StringWriter();
            await parsed.InvokeAsync(new InvocationConfiguration { Output = report, Error = report });
            await error.WriteAsync(WithoutValues(report.ToString(), args, parsed.UnmatchedTokens));
            await error.WriteLineAsync($"See '{CommandPath(parsed.CommandResult)} --help'.");
            return UsageMistake;
        }

        // Exceptions other than the expected failures (VerbRunner) end the process with their stack trace, as before.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// The parser names every word it did not expect; the word after a misspelt option is its value (<c>--pasword
    /// s3cret</c>), so it is not repeated on standard error, where logs keep it.
    /// </summary>
    private static string WithoutValues(string report, IReadOnlyList<string> args, IReadOnlyList<string> unmatched)
    {
        var values = args.Skip(1).Where((word, index) => !word.StartsWith('-') && args[index].StartsWith('-') && unmatched.Contains(args[index]) && unmatched.Contains(word));
        return values.Distinct(StringComparer.Ordinal)
            .Aggregate(report, (text, value) => text.Replace($"'{value}'", "(a value, not shown)", StringComparison.Ordinal));
    }

    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : command.Command.Name;
}
