using System.Security.Cryptography;

namespace Auth.Infrastructure.Keys;

/// <summary>
/// A decrypted signing key held in memory; <see cref="Signing"/> marks the one that signs new tokens now. The others
/// are published for verification: replaced keys whose tokens may still be live, and a new key before its start.
/// </summary>
public sealed record LoadedSigningKey(string KeyId, RSA Key, bool Signing, DateTimeOffset CreatedAt, DateTimeOffset SignsFrom, DateTimeOffset? RetiresAt);
