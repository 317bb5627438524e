using System.Text.Json.Nodes;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>PUT /Groups/{id}: the group's name, externalId and full member list.</summary>
public sealed record ReplaceScimGroup(string Id, JsonObject Resource, long? IfMatchVersion, string ClientId) : ICommand<Result<ScimGroupView>>;

public sealed class ReplaceScimGroupHandler(ScimGroupStore store) : ICommandHandler<ReplaceScimGroup, Result<ScimGroupView>>
{
    public async ValueTask<Result<ScimGroupView>> Handle(ReplaceScimGroup command, CancellationToken cancellationToken)
    {
        var group = await store.FindAsync(command.Id, cancellationToken);
        if (group is null)
        {
            return ScimErrors.NotFound("Group", command.Id);
        }

        if (command.IfMatchVersion is { } version && version != group.Version)
        {
            return ScimErrors.VersionMismatch();
        }

        if (command.Resource.Get("id") is { } id && (!ScimJson.TryReadString(id, out var sent) || sent != group.Id))
        {
            return ScimErrors.Mutability("The id attribute is read-only.");
        }

        var data = ScimGroupDocument.Read(command.Resource);
        return data.Succeeded ? await store.SaveAsync(group, data.Value, command.ClientId, isNew: false, cancellationToken) : data.Error;
    }
}
