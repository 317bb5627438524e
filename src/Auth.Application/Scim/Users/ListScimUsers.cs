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
public sealed record ListScimUsers(ScimListParameters Parameters) : IQuery<Result<ScimPage<ScimUserView>>>;

public sealed class ListScimUsersHandler(IAuthDbContext db) : IQueryHandler<ListScimUsers, Result<ScimPage<ScimUserView>>>
{
    public async ValueTask<Result<ScimPage<ScimUserView>>> Handle(ListScimUsers query, CancellationToken cancellationToken)
    {
        var users = await ScimQuery.PageAsync(db.Users.AsNoTracking(), query.Parameters, UserFilterTranslator.Translate, ScimSort.ForUsers, cancellationToken);
        return users.Succeeded ? await ScimUserView.LoadPageAsync(db, users.Value, cancellationToken) : users.Error;
    }
}
