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
public sealed record ListScimGroups(ScimListParameters Parameters, bool WithMembers) : IQuery<Result<ScimPage<ScimGroupView>>>;

public sealed class ListScimGroupsHandler(IAuthDbContext db) : IQueryHandler<ListScimGroups, Result<ScimPage<ScimGroupView>>>
{
    public async ValueTask<Result<ScimPage<ScimGroupView>>> Handle(ListScimGroups query, CancellationToken cancellationToken)
    {
        var groups = await ScimQuery.PageAsync(db.Groups.AsNoTracking(), query.Parameters, GroupFilterTranslator.Translate, ScimSort.ForGroups,
            page => query.WithMembers ? page.Include(g => g.Members) : page, cancellationToken);
        return groups.Succeeded ? await ScimGroupView.LoadPageAsync(db, groups.Value, cancellationToken) : groups.Error;
    }
}
