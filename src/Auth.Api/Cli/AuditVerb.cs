using System.Globalization;
using Auth.Api.Audit;
using Auth.Application.Audit;
using Mediator;

namespace Auth.Api.Cli;

public static class AuditVerb
{
    /// <summary><c>audit list [--type T] [--outcome O] [--subject ID] [--client ID] [--since TIME] [--until TIME] [--before ID] [--count N]</c>.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (!arguments.Word(1).Equals("list", StringComparison.OrdinalIgnoreCase))
        {
            throw new CommandLineException($"Unknown audit command '{arguments.Word(1)}'.");
        }

        var query = new ListAuditEntries(
            arguments.Value("type"), arguments.Value("outcome"), arguments.Value("subject"), arguments.Value("client"),
            Time(arguments, "since"), Time(arguments, "until"), Number(arguments, "before"),
            (int?)Number(arguments, "count") ?? ListAuditEntries.DefaultCount);
        var page = await services.GetRequiredService<ISender>().Send(query, cancellationToken);
        foreach (var entry in page.Entries.Select(AuditRecord.From))
        {
            output.WriteLine(string.Join('\t', entry.Id.ToString(CultureInfo.InvariantCulture), entry.OccurredAt, entry.EventType, entry.Outcome,
                entry.Subject ?? "-", entry.ClientId ?? "-", entry.IpAddress ?? "-", entry.Detail ?? "-", entry.CorrelationId ?? "-"));
        }

        if (page.NextBefore is { } next)
        {
            output.WriteLine($"(more: --before {next.ToString(CultureInfo.InvariantCulture)})");
        }

        return 0;
    }

    private static DateTimeOffset? Time(CommandArguments arguments, string name) =>
        arguments.Value(name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new CommandLineException($"--{name} is an ISO 8601 time, e.g. 2026-11-25T12:00:00Z.");

    private static long? Number(CommandArguments arguments, string name) =>
        arguments.Value(name) is not { } text ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= int.MaxValue ? number
        : throw new CommandLineException($"--{name} is a positive whole number.");
}
