namespace Auth.Domain.Users;

/// <summary>
/// A one-time "set your password" link an operator created for a user (a provisioned user without a password, or one
/// who lost it). Only the SHA-256 of its random token is stored; it works once, until <see cref="ExpiresAt"/>, and a
/// newer link for the same user replaces it.
/// </summary>
public sealed class PasswordSetupLink
{
    private PasswordSetupLink()
    {
    }

    public PasswordSetupLink(string tokenHash, string userId, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (expiresAt <= createdAt)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "A link must be valid for some time.");
        }

        TokenHash = tokenHash;
        UserId = userId;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The SHA-256 of the link's token, base64url: the token itself is shown once and never stored.</summary>
    public string TokenHash { get; private set; } = default!;

    public string UserId { get; private set; } = default!;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public bool IsUsableAt(DateTimeOffset now) => now < ExpiresAt;
}
