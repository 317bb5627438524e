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
        SecurityStamp = NewSecurityStamp();
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

    /// <summary>
    /// Changes whenever what a session was granted on stops holding (password changed, user deactivated):
    /// sessions carry the stamp they were issued with and end when it no longer matches.
    /// </summary>
    public string SecurityStamp { get; private set; } = default!;

    /// <summary>Failed password sign-ins in a row; reset by a successful one or when a lockout starts.</summary>
    public int FailedSignInCount { get; private set; }

    public DateTimeOffset? LockoutEnd { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

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
        SecurityStamp = NewSecurityStamp();
        Touch(now);
    }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    /// <summary>Counts a wrong password; the attempt that reaches the policy's limit starts a lockout.</summary>
    public void RecordFailedSignIn(DateTimeOffset now, LockoutPolicy policy)
    {
        FailedSignInCount++;
        if (FailedSignInCount >= policy.MaxFailedAttempts)
        {
            LockoutEnd = now + policy.Duration;
            FailedSignInCount = 0;
        }
    }

    public void RecordSuccessfulSignIn(DateTimeOffset now)
    {
        FailedSignInCount = 0;
        LockoutEnd = null;
        LastSignInAt = now;
    }

    public void Activate(DateTimeOffset now)
    {
        IsActive = true;
        Touch(now);
    }

    public void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        SecurityStamp = NewSecurityStamp();
        Touch(now);
    }

    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    private static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}
