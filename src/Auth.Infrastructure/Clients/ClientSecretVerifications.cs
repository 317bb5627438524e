using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// Remembers, for a short while, that a presented client secret matched a stored secret hash, so a client asking for
/// tokens many times a second pays OpenIddict's PBKDF2 check (10,000 iterations, about 2 ms, eight RSA signatures'
/// worth) once per <see cref="ClientSecretCacheOptions.Lifetime"/> rather than on every request.
/// </summary>
/// <remarks>
/// Nothing secret is kept: the key is an HMAC-SHA256, under a random key that never leaves this process, of the stored
/// hash and the presented secret. Only successes are remembered, so a wrong secret always pays the full check. The
/// stored hash is part of the key: a client whose secret changes (a new hash with a new salt) or is removed misses at
/// once, on every node.
/// </remarks>
public sealed class ClientSecretVerifications(IOptions<ClientSecretCacheOptions> options, TimeProvider clock)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);

    public bool WasVerified(string secret, string storedHash) =>
        options.Value.Lifetime > TimeSpan.Zero &&
        _verified.TryGetValue(KeyFor(secret, storedHash), out var expires) && expires > clock.GetUtcNow();

    public void Remember(string secret, string storedHash)
    {
        if (options.Value.Lifetime <= TimeSpan.Zero)
        {
            return;
        }

        if (_verified.Count >= options.Value.MaximumEntries)
        {
            // Full of entries (many clients, or secrets being cycled): start again rather than grow.
            _verified.Clear();
        }

        _verified[KeyFor(secret, storedHash)] = clock.GetUtcNow() + options.Value.Lifetime;
    }

    private string KeyFor(string secret, string storedHash)
    {
        var input = Encoding.UTF8.GetBytes(storedHash + "\0" + secret);
        try
        {
            return Convert.ToBase64String(HMACSHA256.HashData(_key, input));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
