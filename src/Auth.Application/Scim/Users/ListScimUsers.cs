using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;
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
        IQueryable<Domain.Users.User> users = db.Users.AsNoTracking();
        if (query.Filter is { } text)
        {
            var parsed = ScimFilterParser.Parse(text);
            if (!parsed.Succeeded)
            {
                return ScimErrors.InvalidFilter(parsed.Error.Description);
            }

            var predicate = UserFilterTranslator.Translate(parsed.Value);
            if (!predicate.Succeeded)
            {
                return ScimErrors.InvalidFilter(predicate.Error.Description);
            }

            users = users.Where(predicate.Value);
        }

        var order = ScimSort.ForUsers(query.SortBy, query.Descending ? "descending" : "ascending");
        if (!order.Succeeded)
        {
            return ScimErrors.InvalidValue(order.Error.Description);
        }

        var total = await users.CountAsync(cancellationToken);
        var page = query.Count == 0
            ? []
            : await order.Value(users).Skip(query.StartIndex - 1).Take(query.Count).ToListAsync(cancellationToken);

        var ids = page.Select(u => u.Id).ToList();
        var memberships = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.DisplayName })
            .ToListAsync(cancellationToken);
        var views = page.Select(u => new ScimUserView(u, memberships.Where(m => m.UserId == u.Id).Select(m => (m.Id, m.DisplayName)).ToList())).ToList();
        return new ScimPage<ScimUserView>(total, query.StartIndex, views);
    }
}
