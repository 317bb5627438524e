namespace Auth.Domain.Mfa;

/// <summary>A one-time recovery code, stored as a SHA-256 hash (the codes carry 80 random bits).</summary>
public sealed class RecoveryCode
{
    private RecoveryCode()
    {
    }

    public RecoveryCode(string userId, string codeHash)
    {
        UserId = userId;
        CodeHash = codeHash;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; } = default!;

    public string CodeHash { get; private set; } = default!;

    public DateTimeOffset? UsedAt { get; private set; }
}
