namespace Auth.Domain.Keys;

/// <summary>
/// A token-signing key. A key is published (in the JWKS) from its creation and signs from <see cref="SignsFrom"/>,
/// which a rotation sets a little ahead, so that every node and every relying party has the key before the first
/// token it signs. <see cref="SigningKeySchedule"/> says which key signs at a given time. A replaced key keeps
/// signing until its successor's <see cref="SignsFrom"/> and stays published (so the tokens it signed keep
/// validating) until <see cref="RetiresAt"/>, after which it can be deleted.
/// </summary>
public sealed class SigningKey
{
    private SigningKey()
    {
    }

    public SigningKey(string keyId, string algorithm, string protectedPrivateKey, DateTimeOffset createdAt, DateTimeOffset? signsFrom = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedPrivateKey);
        if (signsFrom < createdAt)
        {
            throw new ArgumentOutOfRangeException(nameof(signsFrom), "A key cannot sign before it exists.");
        }

        KeyId = keyId;
        Algorithm = algorithm;
        ProtectedPrivateKey = protectedPrivateKey;
        CreatedAt = createdAt;
        SignsFrom = signsFrom ?? createdAt;
    }

    public string KeyId { get; private set; } = default!;

    public string Algorithm { get; private set; } = default!;

    /// <summary>The PKCS#8 private key, encrypted at rest by the secret protector.</summary>
    public string ProtectedPrivateKey { get; private set; } = default!;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The first moment this key may sign; published (but not signing) before it.</summary>
    public DateTimeOffset SignsFrom { get; private set; }

    /// <summary>Set when a newer key is to take over signing: the moment this key stops being published.</summary>
    public DateTimeOffset? RetiresAt { get; private set; }

    /// <summary>Whether a newer key has been put in its place (it may still sign until that key's start).</summary>
    public bool IsReplaced => RetiresAt is not null;

    public bool IsPublishedAt(DateTimeOffset now) => RetiresAt is null || RetiresAt > now;

    /// <summary>
    /// Marks this key replaced by a key that signs from <paramref name="replacedFrom"/>, and keeps publishing it
    /// <paramref name="publishFor"/> after that, until every token it signed has expired. Never extends a publication.
    /// </summary>
    public void Retire(DateTimeOffset replacedFrom, TimeSpan publishFor)
    {
        if (publishFor < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(publishFor), "A key cannot be published for a negative time.");
        }

        if (RetiresAt is null || RetiresAt > replacedFrom + publishFor)
        {
            RetiresAt = replacedFrom + publishFor;
        }
    }
}
