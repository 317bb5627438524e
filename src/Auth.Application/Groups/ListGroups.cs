using Auth.Application.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Groups;

/// <summary>The groups (provisioned over SCIM), by display name, a page at a time, with how many members each has.</summary>
public sealed record ListGroups(string? After = null, int Count = ListGroups.DefaultCount) : IQuery<GroupPage>
{
    public const int DefaultCount = 50;

    public const int MaximumCount = 500;
}

public sealed record GroupSummary(string Id, string DisplayName, string? ProvisioningClient, int Members);

/// <param name="NextAfter">The display name to continue after, or null on the last page.</param>
public sealed record GroupPage(IReadOnlyList<GroupSummary> Groups, string? NextAfter);

public sealed class ListGroupsValidator : AbstractValidator<ListGroups>
{
    public ListGroupsValidator()
    {
        RuleFor(q => q.Count).InclusiveBetween(1, ListGroups.MaximumCount);
        RuleFor(q => q.After).MaximumLength(512);
    }
}

public sealed class ListGroupsHandler(IAuthDbContext db) : IQueryHandler<ListGroups, GroupPage>
{
    public async ValueTask<GroupPage> Handle(ListGroups query, CancellationToken cancellationToken)
    {
        var groups = db.Groups.AsNoTracking();
        if (query.After is { } after)
        {
            groups = groups.Where(g => string.Compare(g.DisplayName, after) > 0);
        }

        var page = await groups.OrderBy(g => g.DisplayName)
            .Take(query.Count + 1)
            .Select(g => new GroupSummary(g.Id, g.DisplayName, g.ProvisioningClient, db.GroupMembers.Count(m => m.GroupId == g.Id)))
            .ToListAsync(cancellationToken);
        return page.Count > query.Count
            ? new GroupPage(page[..query.Count], page[query.Count - 1].DisplayName)
            : new GroupPage(page, null);
    }
}
