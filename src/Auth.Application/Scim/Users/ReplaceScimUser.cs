using System.Text.Json.Nodes;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>PUT /Users/{id} (RFC 7644 §3.5.1): replaces every attribute the client may set; the password only when given.</summary>
public sealed record ReplaceScimUser(string Id, JsonObject Resource, long? IfMatchVersion, string ClientId) : ICommand<Result<ScimUserView>>;

public sealed class ReplaceScimUserHandler(ScimUserStore store) : ICommandHandler<ReplaceScimUser, Result<ScimUserView>>
{
    public async ValueTask<Result<ScimUserView>> Handle(ReplaceScimUser command, CancellationToken cancellationToken)
    {
        var user = await store.FindAsync(command.Id, cancellationToken);
        if (user is null)
        {
            return ScimErrors.NotFound("User", command.Id);
        }

        if (command.IfMatchVersion is { } version && version != user.Version)
        {
            return ScimErrors.VersionMismatch();
        }

        if (command.Resource.Get("id") is { } id && (!ScimJson.TryReadString(id, out var sent) || sent != user.Id))
        {
            return ScimErrors.Mutability("The id attribute is read-only.");
        }

        var data = ScimUserDocument.Read(command.Resource);
        return data.Succeeded ? await store.SaveAsync(user, data.Value, command.ClientId, isNew: false, cancellationToken) : data.Error;
    }
}
