using System.Text.Json.Nodes;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>POST /Groups: a group, possibly with members (Okta pushes groups with members: []).</summary>
public sealed record CreateScimGroup(JsonObject Resource, string ClientId) : ICommand<Result<ScimGroupView>>;

public sealed class CreateScimGroupHandler(ScimGroupStore store) : ICommandHandler<CreateScimGroup, Result<ScimGroupView>>
{
    public async ValueTask<Result<ScimGroupView>> Handle(CreateScimGroup command, CancellationToken cancellationToken) =>
        await ScimGroupData.Read(command.Resource).ThenAsync(data => store.AddAsync(data, command.ClientId, cancellationToken));
}
