using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Domain.Users;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>POST /Users (RFC 7644 §3.3): creates a user from a SCIM resource sent by a provisioning client.</summary>
public sealed record CreateScimUser(JsonObject Resource, string ClientId) : ICommand<Result<ScimUserView>>;

public sealed class CreateScimUserHandler(ScimUserStore store, TimeProvider clock) : ICommandHandler<CreateScimUser, Result<ScimUserView>>
{
    public async ValueTask<Result<ScimUserView>> Handle(CreateScimUser command, CancellationToken cancellationToken)
    {
        var data = ScimUserDocument.Read(command.Resource);
        if (!data.Succeeded)
        {
            return data.Error;
        }

        var user = new User(data.Value.UserName, clock.GetUtcNow());
        return await store.SaveAsync(user, data.Value, command.ClientId, isNew: true, cancellationToken);
    }
}
