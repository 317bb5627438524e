using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scim.Query;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim.Groups;

/// <summary>
/// GET /Groups and POST /Groups/.search. Members are loaded only when they will be shown (Entra looks groups up with
/// excludedAttributes=members, and a large group's member list is the expensive part).
/// </summary>
public sealed record ListScimGroups(string? Filter, int StartIndex, int Count, string? SortBy, bool Descending, bool WithMembers) : IQuery<Result<ScimPage<ScimGroupView>>>;

public sealed class ListScimGroupsHandler(IAuthDbContext db) : IQueryHandler<ListScimGroups, Result<ScimPage<ScimGroupView>>>
{
    public async ValueTask<Result<ScimPage<ScimGroupView>>> Handle(ListScimGroups query, CancellationToken cancellationToken)
    {
        var built = ScimQuery.Build(db.Groups.AsNoTracking(), query.Filter, GroupFilterTranslator.Translate,
            ScimSort.ForGroups(query.SortBy, query.Descending ? "descending" : "ascending"));
        if (!built.Succeeded)
        {
            return built.Error;
        }

        var (groups, order) = built.Value;
        var total = await groups.CountAsync(cancellationToken);
        var ordered = order(query.WithMembers ? groups.Include(g => g.Members) : groups);
        var page = query.Count == 0 ? [] : await ordered.Skip(query.StartIndex - 1).Take(query.Count).ToListAsync(cancellationToken);

        var memberIds = page.SelectMany(g => g.Members).Select(m => m.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new { u.Id, Display = u.DisplayName ?? u.UserName })
            .ToDictionaryAsync(u => u.Id, u => u.Display, cancellationToken);
        var views = page.Select(g => new ScimGroupView(g, g.Members.Select(m => (m.UserId, names.GetValueOrDefault(m.UserId, m.UserId))).ToList())).ToList();
        return new ScimPage<ScimGroupView>(total, query.StartIndex, views);
    }
}
