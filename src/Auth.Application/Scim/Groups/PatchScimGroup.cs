using Auth.Application.Results;
using Auth.Application.Scim.Patch;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>PATCH /Groups/{id}: renames and membership changes (add, remove by filter or by value list, replace), atomically.</summary>
public sealed record PatchScimGroup(string Id, IReadOnlyList<ScimPatchOperation> Operations, long? IfMatchVersion, string ClientId) : ICommand<Result<ScimGroupView>>;

public sealed class PatchScimGroupHandler(ScimGroupStore store) : ICommandHandler<PatchScimGroup, Result<ScimGroupView>>
{
    private static readonly ScimPatchApplier Applier = new(
        ScimSchemas.Group,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "meta", "schemas" });

    public async ValueTask<Result<ScimGroupView>> Handle(PatchScimGroup command, CancellationToken cancellationToken)
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

        var current = ScimGroupDocument.Write(new ScimGroupView(group, group.Members.Select(m => (m.UserId, m.UserId)).ToList()), string.Empty, _ => string.Empty);
        var patched = Applier.Apply(current, command.Operations);
        if (!patched.Succeeded)
        {
            return patched.Error;
        }

        var data = ScimGroupDocument.Read(patched.Value);
        return data.Succeeded ? await store.SaveAsync(group, data.Value, command.ClientId, isNew: false, cancellationToken) : data.Error;
    }
}
