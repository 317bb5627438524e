using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scim.Patch;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>
/// PATCH /Users/{id} (RFC 7644 §3.5.2): the operations are applied to the user's SCIM representation; the result is
/// read back and stored as a whole, so one failing operation leaves the user unchanged.
/// </summary>
public sealed record PatchScimUser(string Id, IReadOnlyList<ScimPatchOperation> Operations, ScimIfMatch? IfMatch, string ClientId) : ICommand<Result<ScimUserView>>;

public sealed class PatchScimUserHandler(IAuthDbContext db, ScimUserStore store) : ICommandHandler<PatchScimUser, Result<ScimUserView>>
{
    private static readonly ScimPatchApplier Applier = new(
        ScimSchemas.User,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ScimSchemas.EnterpriseUser },
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "meta", "groups", "schemas" });

    public async ValueTask<Result<ScimUserView>> Handle(PatchScimUser command, CancellationToken cancellationToken) =>
        await ScimCommit.UnlessPreconditionedAsync(db, command.IfMatch, () => PatchAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<ScimUserView>> PatchAsync(PatchScimUser command, CancellationToken cancellationToken)
    {
        var user = await db.FindScimUserAsync(command.Id, command.IfMatch, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Error;
        }

        var patched = Applier.Apply(ScimUserDocument.Write(user.Value, [], location: string.Empty), command.Operations);
        return await patched.ThenAsync(resource => store.ReplaceAsync(user.Value, resource, command.ClientId, cancellationToken));
    }
}
