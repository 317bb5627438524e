namespace Auth.Domain.Groups;

/// <summary>
/// One line of a client's role mapping: members of the group get the role in that client's tokens, so an app
/// authorizes by its own role names without knowing the directory's group names.
/// </summary>
public sealed class ClientRoleMapping
{
    private ClientRoleMapping()
    {
    }

    public ClientRoleMapping(string clientId, string role, string groupKey)
    {
        ClientId = clientId;
        Role = role;
        GroupKey = groupKey;
    }

    public string ClientId { get; private set; } = default!;

    public string Role { get; private set; } = default!;

    /// <summary>The group as the operator named it: its displayName (compared as SCIM does, see <see cref="Group.DisplayNameKey"/>) or its id.</summary>
    public string GroupKey { get; private set; } = default!;

    public bool Matches(string groupId, string groupDisplayName) =>
        string.Equals(GroupKey, groupId, StringComparison.Ordinal) ||
        Group.DisplayNameKey(GroupKey) == Group.DisplayNameKey(groupDisplayName);
}
