namespace Auth.Domain.Groups;

/// <summary>A user's membership of a group; a user's SCIM groups attribute is derived from these.</summary>
public sealed class GroupMember
{
    private GroupMember()
    {
    }

    public GroupMember(string groupId, string userId)
    {
        GroupId = groupId;
        UserId = userId;
    }

    public string GroupId { get; private set; } = default!;

    public string UserId { get; private set; } = default!;
}
