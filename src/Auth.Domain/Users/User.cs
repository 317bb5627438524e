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

    /// <summary>
    /// User names are unique case-insensitively (RFC 7643 §4.1.1: caseExact false) and in their canonical form, so
    /// look-alike spellings of one name are one name (<see cref="UserNameRule"/>).
    /// </summary>
    public string NormalizedUserName { get; private set; } = default!;

    public string? PasswordHash { get; private set; }

    public string? DisplayName { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? FormattedName { get; set; }

    public string? MiddleName { get; set; }

    public string? HonorificPrefix { get; set; }

    public string? HonorificSuffix { get; set; }

    public string? NickName { get; set; }

    public string? ProfileUrl { get; set; }

    public string? Title { get; set; }

    public string? UserType { get; set; }

    public string? PreferredLanguage { get; set; }

    public string? Locale { get; set; }

    public string? Timezone { get; set; }

    /// <summary>The provisioning client's own identifier for this user (RFC 7643 §3.1 externalId).</summary>
    public string? ExternalId { get; private set; }

    /// <summary>
    /// The client that set <see cref="ExternalId"/>: an externalId is unique per provisioning client, since Okta and
    /// Entra ID each number users their own way.
    /// </summary>
    public string? ExternalIdIssuer { get; private set; }

    public EnterpriseProfile Enterprise { get; set; } = new();

    public List<UserEmail> Emails { get; private set; } = [];

    public List<UserPhoneNumber> PhoneNumbers { get; private set; } = [];

    public List<UserAddress> Addresses { get; private set; } = [];

    /// <summary>
    /// Whoever wrote <see cref="Emails"/> vouches for them: a provisioning directory always does, the seed file when it
    /// says so. Becomes the OpenID Connect <c>email_verified</c> claim.
    /// </summary>
    public bool EmailVerified { get; private set; }

    /// <summary>The address for the OpenID Connect email claim: the primary one, else the first.</summary>
    public string? PrimaryEmail => (Emails.FirstOrDefault(e => e.Primary) ?? Emails.FirstOrDefault())?.Value;

    /// <summary>Incremented by every change; the SCIM ETag (RFC 7644 §3.14) and an optimistic concurrency check.</summary>
    public long Version { get; private set; } = 1;

    public bool IsActive { get; private set; }

    /// <summary>
    /// Changes whenever what a sign-in was granted on stops holding (password changed, user deactivated): a sign-in
    /// waiting for its second factor carries the stamp and ends when it no longer matches. Sessions themselves are
    /// rows the use cases delete.
    /// </summary>
    public string SecurityStamp { get; private set; } = default!;

    /// <summary>Failed password sign-ins in a row; reset by a successful one or when a lockout starts.</summary>
    public int FailedSignInCount { get; private set; }

    public DateTimeOffset? LockoutEnd { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>
    /// Holds the <see cref="UserRoles.Administrator"/> role: may enter the admin console. Only an operator (seed file,
    /// command line, admin API with its own scope) grants it; SCIM and sign-ins never touch it.
    /// </summary>
    public bool IsAdministrator { get; private set; }

    /// <summary>The identity provider whose sign-in created this user just in time; null for every other way in.</summary>
    public string? CreatedByIdentityProvider { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// A user created at their first sign-in through an identity provider (just in time): no password, so the provider
    /// is their only way in.
    /// </summary>
    public static User CreatedBy(string identityProviderId, string userName, DateTimeOffset now) =>
        new(userName, now) { CreatedByIdentityProvider = identityProviderId };

    /// <summary>The key a name is looked up and kept unique by (<see cref="UserNameRule.ComparisonKey"/>).</summary>
    public static string Normalize(string userName) => UserNameRule.ComparisonKey(userName);

    /// <summary>Stores the name in its canonical form; a name <see cref="UserNameRule"/> refuses is an argument error.</summary>
    public void Rename(string userName, DateTimeOffset now)
    {
        if (UserNameRule.Problem(userName) is { } problem)
        {
            throw new ArgumentException(problem, nameof(userName));
        }

        UserName = UserNameRule.Canonical(userName);
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

    /// <summary>
    /// An operator lifts a lockout: the account signs in with the right password at once, and the count of wrong ones
    /// starts again from zero. Not a change to the user's profile, so <see cref="Version"/> stays, as it does when a
    /// sign-in counts a failure.
    /// </summary>
    public void Unlock()
    {
        FailedSignInCount = 0;
        LockoutEnd = null;
    }

    /// <summary>
    /// A sign-in through an identity provider. It leaves the password's failure count and lockout alone: guessing
    /// passwords for a name must not lock its owner out of their corporate sign-in, nor may that sign-in lift the lockout.
    /// </summary>
    public void RecordFederatedSignIn(DateTimeOffset now) => LastSignInAt = now;

    /// <summary>Grants or withdraws a role; false when the user already was as asked.</summary>
    public bool SetRole(string role, bool held, DateTimeOffset now)
    {
        if (!UserRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        if (IsAdministrator == held)
        {
            return false;
        }

        IsAdministrator = held;
        Touch(now);
        return true;
    }

    /// <summary>The roles the user holds, by name (<see cref="UserRoles"/>).</summary>
    public IReadOnlyList<string> Roles => UserRoles.Of(IsAdministrator);

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

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    public void SetExternalId(string? externalId, string? issuer)
    {
        ExternalId = string.IsNullOrEmpty(externalId) ? null : externalId;
        ExternalIdIssuer = ExternalId is null ? null : issuer;
    }

    /// <summary>The addresses, and whether their writer vouches for them (<see cref="EmailVerified"/>).</summary>
    public void ReplaceEmails(IEnumerable<UserEmail> emails, bool verified = false)
    {
        Emails = [.. emails];
        EmailVerified = verified && Emails.Count > 0;
    }

    public void ReplacePhoneNumbers(IEnumerable<UserPhoneNumber> phoneNumbers) => PhoneNumbers = [.. phoneNumbers];

    public void ReplaceAddresses(IEnumerable<UserAddress> addresses) => Addresses = [.. addresses];

    private static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}
