using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>GET /Groups/{id}.</summary>
public sealed record GetScimGroup(string Id) : IQuery<Result<ScimGroupView>>;

public sealed class GetScimGroupHandler(IAuthDbContext db) : IQueryHandler<GetScimGroup, Result<ScimGroupView>>
{
    public async ValueTask<Result<ScimGroupView>> Handle(GetScimGroup query, CancellationToken cancellationToken) =>
        await db.FindScimGroupAsync(query.Id, cancellationToken) is { } group ? await ScimGroupView.LoadAsync(db, group, cancellationToken) : ScimErrors.NotFound("Group", query.Id);
}
