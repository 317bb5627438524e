using Auth.Application.Audit;
using Auth.Domain.Audit;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin;

/// <summary>The audit log, newest first, filtered by event type, outcome, user, client and start time, a page at a time.</summary>
public sealed class EventsModel(ISender sender) : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? EventType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? SubjectId { get; set; }

    [BindProperty(SupportsGet = true, Name = "client")]
    public string? ClientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTimeOffset? Since { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public static IReadOnlyList<string> EventTypes { get; } =
        [.. typeof(SecurityEventTypes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Outcomes { get; } =
        [.. typeof(SecurityEventOutcomes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Refused("A filter is not valid: the start is a date and time, such as 2026-12-01T08:00Z.");
        }

        var page = await sender.TryAskAsync(new ListAuditEntries(ConsolePage.Trimmed(EventType), ConsolePage.Trimmed(Outcome), ConsolePage.Trimmed(SubjectId), ConsolePage.Trimmed(ClientId), Since, Before: Before is > 0 ? Before : null, Count: PageSize), cancellationToken);
        if (!page.Succeeded)
        {
            return Refused(page.Error.Description);
        }

        Entries = page.Value.Entries;
        NextBefore = page.Value.NextBefore;
        return Page();
    }

    /// <summary>The query string of the next page: these filters, and the cursor.</summary>
    public string NextPage() => Routes.ConsoleEvents + QueryString.Create(new Dictionary<string, string?>
    {
        ["type"] = ConsolePage.Trimmed(EventType),
        ["outcome"] = ConsolePage.Trimmed(Outcome),
        ["user"] = ConsolePage.Trimmed(SubjectId),
        ["client"] = ConsolePage.Trimmed(ClientId),
        ["since"] = Since?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["before"] = NextBefore?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null));
}
