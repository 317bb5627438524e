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

    public string DisplayName { get; private set; } = default!;

    /// <summary>The provisioning client that created the group (or first wrote it): displayNames are unique per client.</summary>
    public string? ProvisioningClient { get; private set; }

    /// <summary>
    /// <see cref="DisplayNameKey"/> of the name while displayNames are kept unique, else null. A unique index on
    /// (<see cref="ProvisioningClient"/>, this) decides two writes at once; nulls never collide, so groups written while
    /// uniqueness was off are not held to it.
    /// </summary>
    public string? UniqueDisplayName { get; private set; }

    public string? ExternalId { get; private set; }

    /// <summary>The client that set <see cref="ExternalId"/> (unique per client, as for users).</summary>
    public string? ExternalIdIssuer { get; private set; }

    public List<GroupMember> Members { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Incremented by every change; the SCIM ETag and an optimistic concurrency check.</summary>
    public long Version { get; private set; } = 1;

    /// <summary>displayName compares ignoring case and surrounding spaces (RFC 7643 §4.2: caseExact false).</summary>
    public static string DisplayNameKey(string displayName) => displayName.Trim().ToUpperInvariant();

    public void Rename(string displayName, bool unique)
    {
        DisplayName = displayName;
        UniqueDisplayName = unique ? DisplayNameKey(displayName) : null;
    }

    /// <summary>Records the provisioning client a group belongs to; a group keeps its first one.</summary>
    public void ClaimFor(string clientId) => ProvisioningClient ??= clientId;

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
