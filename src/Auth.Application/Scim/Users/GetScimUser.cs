using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>GET /Users/{id} (RFC 7644 §3.4.1).</summary>
public sealed record GetScimUser(string Id) : IQuery<Result<ScimUserView>>;

public sealed class GetScimUserHandler(IAuthDbContext db) : IQueryHandler<GetScimUser, Result<ScimUserView>>
{
    public async ValueTask<Result<ScimUserView>> Handle(GetScimUser query, CancellationToken cancellationToken) =>
        await db.FindScimUserAsync(query.Id, cancellationToken) is { } user ? await ScimUserView.LoadAsync(db, user, cancellationToken) : ScimErrors.NotFound("User", query.Id);
}
