using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scim.Query;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim.Users;

/// <summary>
/// GET /Users and POST /Users/.search (RFC 7644 §3.4.2): the filter becomes a database query (never an in-memory
/// scan), ordered stably so that pages do not overlap or skip (Okta imports page by page).
/// </summary>
public sealed record ListScimUsers(string? Filter, int StartIndex, int Count, string? SortBy, bool Descending) : IQuery<Result<ScimPage<ScimUserView>>>;

public sealed class ListScimUsersHandler(IAuthDbContext db) : IQueryHandler<ListScimUsers, Result<ScimPage<ScimUserView>>>
{
    public async ValueTask<Result<ScimPage<ScimUserView>>> Handle(ListScimUsers query, CancellationToken cancellationToken)
    {
        var built = ScimQuery.Build(db.Users.AsNoTracking(), query.Filter, UserFilterTranslator.Translate,
            ScimSort.ForUsers(query.SortBy, query.Descending ? "descending" : "ascending"));
        if (!built.Succeeded)
        {
            return built.Error;
        }

        var (users, order) = built.Value;
        var total = await users.CountAsync(cancellationToken);
        var page = query.Count == 0
            ? []
            : await order(users).Skip(query.StartIndex - 1).Take(query.Count).ToListAsync(cancellationToken);

        var ids = page.Select(u => u.Id).ToList();
        var memberships = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.DisplayName })
            .ToListAsync(cancellationToken);
        var views = page.Select(u => new ScimUserView(u, memberships.Where(m => m.UserId == u.Id).Select(m => (m.Id, m.DisplayName)).ToList())).ToList();
        return new ScimPage<ScimUserView>(total, query.StartIndex, views);
    }
}
