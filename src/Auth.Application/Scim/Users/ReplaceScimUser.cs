using System.Text.Json.Nodes;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>PUT /Users/{id} (RFC 7644 §3.5.1): replaces every attribute the client may set; the password only when given.</summary>
public sealed record ReplaceScimUser(string Id, JsonObject Resource, ScimIfMatch? IfMatch, string ClientId) : ICommand<Result<ScimUserView>>;

public sealed class ReplaceScimUserHandler(IAuthDbContext db, ScimUserStore store) : ICommandHandler<ReplaceScimUser, Result<ScimUserView>>
{
    public async ValueTask<Result<ScimUserView>> Handle(ReplaceScimUser command, CancellationToken cancellationToken) =>
        await ScimCommit.UnlessPreconditionedAsync(db, command.IfMatch, async () =>
            await db.FindScimUserAsync(command.Id, command.IfMatch, cancellationToken).ThenAsync(user => store.ReplaceAsync(user, command.Resource, command.ClientId, cancellationToken)), cancellationToken);
}
