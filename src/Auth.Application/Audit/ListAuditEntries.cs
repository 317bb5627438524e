using Auth.Application.Ports;
using Auth.Domain.Audit;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Audit;

/// <summary>
/// Reads the audit log back, newest first, with optional filters. Paging is by record id: pass the
/// <see cref="AuditPage.NextBefore"/> of a page as <see cref="Before"/> to get the next (older) one; new records arriving
/// meanwhile never shift a page.
/// </summary>
public sealed record ListAuditEntries(
    string? EventType = null,
    string? Outcome = null,
    string? SubjectId = null,
    string? ClientId = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    long? Before = null,
    int Count = ListAuditEntries.DefaultCount) : IQuery<AuditPage>
{
    public const int DefaultCount = 50;

    public const int MaximumCount = 500;
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextBefore);

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntries>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(q => q.Count).InclusiveBetween(1, ListAuditEntries.MaximumCount);
        RuleFor(q => q.Before).GreaterThan(0).When(q => q.Before is not null);
        RuleFor(q => q.EventType).MaximumLength(64);
        RuleFor(q => q.Outcome).MaximumLength(32);
        RuleFor(q => q.SubjectId).MaximumLength(64);
        RuleFor(q => q.ClientId).MaximumLength(128);
        RuleFor(q => q).Must(q => q.Since is null || q.Until is null || q.Since <= q.Until).WithMessage("since must not be after until.");
    }
}

public sealed class ListAuditEntriesHandler(IAuthDbContext db) : IQueryHandler<ListAuditEntries, AuditPage>
{
    public async ValueTask<AuditPage> Handle(ListAuditEntries query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.EventType is { } type)
        {
            entries = entries.Where(e => e.EventType == type);
        }

        if (query.Outcome is { } outcome)
        {
            entries = entries.Where(e => e.Outcome == outcome);
        }

        if (query.SubjectId is { } subject)
        {
            entries = entries.Where(e => e.SubjectId == subject);
        }

        if (query.ClientId is { } client)
        {
            entries = entries.Where(e => e.ClientId == client);
        }

        if (query.Since is { } since)
        {
            entries = entries.Where(e => e.OccurredAt >= since);
        }

        if (query.Until is { } until)
        {
            entries = entries.Where(e => e.OccurredAt <= until);
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        // One more than asked says whether an older page exists.
        var page = await entries.OrderByDescending(e => e.Id).Take(query.Count + 1).ToListAsync(cancellationToken);
        return page.Count > query.Count
            ? new AuditPage(page.Take(query.Count).ToList(), page[query.Count - 1].Id)
            : new AuditPage(page, null);
    }
}
