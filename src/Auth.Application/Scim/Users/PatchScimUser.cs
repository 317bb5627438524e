using Auth.Application.Results;
using Auth.Application.Scim.Patch;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>
/// PATCH /Users/{id} (RFC 7644 §3.5.2): the operations are applied to the user's SCIM representation; the result is
/// read back and stored as a whole, so one failing operation leaves the user unchanged.
/// </summary>
public sealed record PatchScimUser(string Id, IReadOnlyList<ScimPatchOperation> Operations, long? IfMatchVersion, string ClientId) : ICommand<Result<ScimUserView>>;

public sealed class PatchScimUserHandler(ScimUserStore store) : ICommandHandler<PatchScimUser, Result<ScimUserView>>
{
    private static readonly ScimPatchApplier Applier = new(
        ScimSchemas.User,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ScimSchemas.EnterpriseUser },
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "meta", "groups", "schemas" });

    public async ValueTask<Result<ScimUserView>> Handle(PatchScimUser command, CancellationToken cancellationToken)
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

        var current = ScimUserDocument.Write(user, [], location: string.Empty);
        var patched = Applier.Apply(current, command.Operations);
        if (!patched.Succeeded)
        {
            return patched.Error;
        }

        var data = ScimUserDocument.Read(patched.Value);
        return data.Succeeded ? await store.SaveAsync(user, data.Value, command.ClientId, isNew: false, cancellationToken) : data.Error;
    }
}
