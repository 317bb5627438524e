using System.Text.Json.Nodes;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>PUT /Groups/{id}: the group's name, externalId and full member list.</summary>
public sealed record ReplaceScimGroup(string Id, JsonObject Resource, ScimIfMatch? IfMatch, string ClientId) : ICommand<Result<ScimGroupView>>;

public sealed class ReplaceScimGroupHandler(IAuthDbContext db, ScimGroupStore store) : ICommandHandler<ReplaceScimGroup, Result<ScimGroupView>>
{
    public async ValueTask<Result<ScimGroupView>> Handle(ReplaceScimGroup command, CancellationToken cancellationToken) =>
        await ScimCommit.UnlessPreconditionedAsync(db, command.IfMatch, async () =>
            await db.FindScimGroupAsync(command.Id, command.IfMatch, cancellationToken).ThenAsync(group => store.ReplaceAsync(group, command.Resource, command.ClientId, cancellationToken)), cancellationToken);
}
