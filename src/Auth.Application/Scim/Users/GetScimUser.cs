using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>GET /Users/{id} (RFC 7644 §3.4.1).</summary>
public sealed record GetScimUser(string Id) : IQuery<Result<ScimUserView>>;

public sealed class GetScimUserHandler(ScimUserStore store) : IQueryHandler<GetScimUser, Result<ScimUserView>>
{
    public async ValueTask<Result<ScimUserView>> Handle(GetScimUser query, CancellationToken cancellationToken)
    {
        var user = await store.FindAsync(query.Id, cancellationToken);
        return user is null ? ScimErrors.NotFound("User", query.Id) : await store.ViewAsync(user, cancellationToken);
    }
}
