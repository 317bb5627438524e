using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scim.Patch;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>PATCH /Groups/{id}: renames and membership changes (add, remove by filter or by value list, replace), atomically.</summary>
public sealed record PatchScimGroup(string Id, IReadOnlyList<ScimPatchOperation> Operations, ScimIfMatch? IfMatch, string ClientId) : ICommand<Result<ScimGroupView>>;

public sealed class PatchScimGroupHandler(IAuthDbContext db, ScimGroupStore store) : ICommandHandler<PatchScimGroup, Result<ScimGroupView>>
{
    private static readonly ScimPatchApplier Applier = new(
        ScimSchemas.Group,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "meta", "schemas" });

    public async ValueTask<Result<ScimGroupView>> Handle(PatchScimGroup command, CancellationToken cancellationToken) =>
        await ScimCommit.UnlessPreconditionedAsync(db, command.IfMatch, () => PatchAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<ScimGroupView>> PatchAsync(PatchScimGroup command, CancellationToken cancellationToken)
    {
        var group = await db.FindScimGroupAsync(command.Id, command.IfMatch, cancellationToken);
        if (!group.Succeeded)
        {
            return group.Error;
        }

        // Members are written by id alone: the operations match them by value, and their names are not needed.
        var current = ScimGroupDocument.Write(new ScimGroupView(group.Value, group.Value.Members.Select(m => (m.UserId, m.UserId)).ToList()), string.Empty, _ => string.Empty);
        var patched = Applier.Apply(current, command.Operations);
        return await patched.ThenAsync(resource => store.ReplaceAsync(group.Value, resource, command.ClientId, cancellationToken));
    }
}
