namespace Auth.Domain.Users;

/// <summary>
/// A person who signs in. The same record is provisioned by the seed file, the command line and SCIM,
/// so identifiers and profile fields follow the SCIM core User schema (RFC 7643 §4.1).
/// </summary>
public sealed class User
{
    private User()
    {
    }

    public User(string userName, DateTimeOffset now)
    {
        Id = Guid.NewGuid().ToString("N");
        Rename(userName, now);
        IsActive = true;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public string Id { get; private set; } = default!;

    public string UserName { get; private set; } = default!;

    /// <summary>User names are unique case-insensitively (RFC 7643 §4.1.1: caseExact false).</summary>
    public string NormalizedUserName { get; private set; } = default!;

    public string? PasswordHash { get; private set; }

    public string? DisplayName { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    public void Rename(string userName, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new ArgumentException("A user name cannot be empty.", nameof(userName));
        }

        UserName = userName.Trim();
        NormalizedUserName = Normalize(userName);
        Touch(now);
    }

    public void SetPasswordHash(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        Touch(now);
    }

    public void Activate(DateTimeOffset now)
    {
        IsActive = true;
        Touch(now);
    }

    public void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        Touch(now);
    }

    public void Touch(DateTimeOffset now) => UpdatedAt = now;
}
