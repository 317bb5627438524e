namespace Auth.Domain.Keys;

/// <summary>
/// A token-signing key. The newest key that is not retired signs; a retired key is still published
/// (so tokens it signed keep validating) until <see cref="RetiresAt"/>, after which it can be deleted.
/// </summary>
public sealed class SigningKey
{
    private SigningKey()
    {
    }

    public SigningKey(string keyId, string algorithm, string protectedPrivateKey, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedPrivateKey);
        KeyId = keyId;
        Algorithm = algorithm;
        ProtectedPrivateKey = protectedPrivateKey;
        CreatedAt = createdAt;
    }

    public string KeyId { get; private set; } = default!;

    public string Algorithm { get; private set; } = default!;

    /// <summary>The PKCS#8 private key, encrypted at rest by the secret protector.</summary>
    public string ProtectedPrivateKey { get; private set; } = default!;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set when a newer key takes over signing: the moment this key stops being published.</summary>
    public DateTimeOffset? RetiresAt { get; private set; }

    public bool IsSigning => RetiresAt is null;

    public bool IsPublishedAt(DateTimeOffset now) => RetiresAt is null || RetiresAt > now;

    /// <summary>
    /// Stops signing with this key, and keeps publishing it until every token it signed has expired.
    /// </summary>
    public void Retire(DateTimeOffset now, TimeSpan publishFor)
    {
        if (publishFor < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(publishFor), "A key cannot be published for a negative time.");
        }

        if (RetiresAt is null || RetiresAt > now + publishFor)
        {
            RetiresAt = now + publishFor;
        }
    }
}
