using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Domain.Groups;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>POST /Groups: a group, possibly with members (Okta pushes groups with members: []).</summary>
public sealed record CreateScimGroup(JsonObject Resource, string ClientId) : ICommand<Result<ScimGroupView>>;

public sealed class CreateScimGroupHandler(ScimGroupStore store, TimeProvider clock) : ICommandHandler<CreateScimGroup, Result<ScimGroupView>>
{
    public async ValueTask<Result<ScimGroupView>> Handle(CreateScimGroup command, CancellationToken cancellationToken)
    {
        var data = ScimGroupDocument.Read(command.Resource);
        return data.Succeeded
            ? await store.SaveAsync(new Group(data.Value.DisplayName, clock.GetUtcNow()), data.Value, command.ClientId, isNew: true, cancellationToken)
            : data.Error;
    }
}
