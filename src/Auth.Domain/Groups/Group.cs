namespace Auth.Domain.Groups;

/// <summary>A group of users, provisioned over SCIM (RFC 7643 §4.2).</summary>
public sealed class Group
{
    private Group()
    {
    }

    public Group(string displayName, DateTimeOffset now)
    {
        Id = Guid.NewGuid().ToString("N");
        DisplayName = displayName;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public string Id { get; private set; } = default!;

    public string DisplayName { get; set; } = default!;

    public string? ExternalId { get; private set; }

    /// <summary>The client that set <see cref="ExternalId"/> (unique per client, as for users).</summary>
    public string? ExternalIdIssuer { get; private set; }

    public List<GroupMember> Members { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Incremented by every change; the SCIM ETag and an optimistic concurrency check.</summary>
    public long Version { get; private set; } = 1;

    public void SetExternalId(string? externalId, string? issuer)
    {
        ExternalId = string.IsNullOrEmpty(externalId) ? null : externalId;
        ExternalIdIssuer = ExternalId is null ? null : issuer;
    }

    public bool AddMember(string userId)
    {
        if (Members.Any(m => m.UserId == userId))
        {
            return false;
        }

        Members.Add(new GroupMember(Id, userId));
        return true;
    }

    public bool RemoveMember(string userId) => Members.RemoveAll(m => m.UserId == userId) > 0;

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
