using System.Security.Cryptography;

namespace Auth.Infrastructure.Keys;

/// <summary>A decrypted signing key held in memory; <see cref="Signing"/> marks the one that signs new tokens.</summary>
public sealed record LoadedSigningKey(string KeyId, RSA Key, bool Signing, DateTimeOffset CreatedAt, DateTimeOffset? RetiresAt);
