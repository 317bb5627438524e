using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>GET /Groups/{id}.</summary>
public sealed record GetScimGroup(string Id) : IQuery<Result<ScimGroupView>>;

public sealed class GetScimGroupHandler(ScimGroupStore store) : IQueryHandler<GetScimGroup, Result<ScimGroupView>>
{
    public async ValueTask<Result<ScimGroupView>> Handle(GetScimGroup query, CancellationToken cancellationToken)
    {
        var group = await store.FindAsync(query.Id, cancellationToken);
        return group is null ? ScimErrors.NotFound("Group", query.Id) : await store.ViewAsync(group, cancellationToken);
    }
}
