using System.CommandLine;
using System.Globalization;
using Auth.Api.Audit;
using Auth.Application.Audit;

namespace Auth.Api.Cli;

public static class AuditVerb
{
    public static Command Create(VerbRunner runner) => new("audit", "The audit log of security events.") { List(runner) };

    private static Command List(VerbRunner runner)
    {
        var type = VerbOptions.Text("--type", "TYPE", "Only this event type, e.g. sign_in or client.token_minted.");
        var outcome = VerbOptions.Text("--outcome", "OUTCOME", "Only this outcome, e.g. success or locked_out.");
        var subject = VerbOptions.Text("--subject", "USER_ID", "Only events about this user.");
        var client = VerbOptions.Text("--client", "ID", "Only events about this client.");
        var since = VerbOptions.Time("--since", "TIME", "Only events at or after this ISO 8601 time.");
        var until = VerbOptions.Time("--until", "TIME", "Only events at or before this ISO 8601 time.");
        var before = VerbOptions.PositiveNumber("--before", "ID", "Only records older than this id (the next page).");
        var count = VerbOptions.PositiveNumber("--count", "N", $"At most N records (default {ListAuditEntries.DefaultCount}).");
        var command = new Command("list",
            "The audit log, newest first: one tab-separated line per record (id, time, event type, outcome, subject, client, " +
            "IP address, detail, correlation id; - when empty), then (more: --before ID) when older records exist.")
        {
            type, outcome, subject, client, since, until, before, count,
        };
        return runner.Runs(command, async verb =>
        {
            var query = new ListAuditEntries(
                verb.Value(type), verb.Value(outcome), verb.Value(subject), verb.Value(client), verb.Value(since), verb.Value(until),
                verb.Value(before), (int?)verb.Value(count) ?? ListAuditEntries.DefaultCount);
            var page = await verb.Sender.Send(query, verb.CancellationToken);
            foreach (var entry in page.Entries.Select(AuditRecord.From))
            {
                verb.Output.WriteLine(string.Join('\t', entry.Id.ToString(CultureInfo.InvariantCulture), entry.OccurredAt, entry.EventType, entry.Outcome,
                    entry.Subject ?? "-", entry.ClientId ?? "-", entry.IpAddress ?? "-", entry.Detail ?? "-", entry.CorrelationId ?? "-"));
            }

            if (page.NextBefore is { } next)
            {
                verb.Output.WriteLine($"(more: --before {next.ToString(CultureInfo.InvariantCulture)})");
            }

            return 0;
        });
    }
}
