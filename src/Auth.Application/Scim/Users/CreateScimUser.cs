using System.Text.Json.Nodes;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>POST /Users (RFC 7644 §3.3): creates a user from a SCIM resource sent by a provisioning client.</summary>
public sealed record CreateScimUser(JsonObject Resource, string ClientId) : ICommand<Result<ScimUserView>>;

public sealed class CreateScimUserHandler(ScimUserStore store) : ICommandHandler<CreateScimUser, Result<ScimUserView>>
{
    public async ValueTask<Result<ScimUserView>> Handle(CreateScimUser command, CancellationToken cancellationToken) =>
        await ScimUserData.Read(command.Resource).ThenAsync(data => store.AddAsync(data, command.ClientId, cancellationToken));
}
