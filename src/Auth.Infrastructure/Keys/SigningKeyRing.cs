using System.Security.Cryptography;
using Auth.Application.Keys;
using Auth.Application.Ports;
using Auth.Domain.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Auth.Infrastructure.Keys;

/// <summary>
/// The published signing keys, decrypted once and kept in memory. <see cref="ReloadAsync"/> reads the table again
/// and, only when the set of keys or the key that signs changed (by <see cref="SigningKeySchedule"/> at the clock's
/// time), swaps the keys and signals <see cref="GetChangeToken"/> so the token server rebuilds its options.
/// <see cref="NextChangeAt"/> tells the refresher when the schedule next changes without any write. Keys are never
/// decrypted per request.
/// </summary>
public sealed class SigningKeyRing(IServiceScopeFactory scopes, ISecretProtector protector, TimeProvider clock)
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private IReadOnlyList<LoadedSigningKey> _keys = [];
    private string _fingerprint = string.Empty;
    private CancellationTokenSource _changed = new();
    private long _nextChangeTicks; // UTC ticks; 0 when nothing is due

    /// <summary>The published keys, the signing key first.</summary>
    public IReadOnlyList<LoadedSigningKey> Keys => Volatile.Read(ref _keys);

    /// <summary>When, by the keys last read, a key starts signing or stops being published; null when nothing is due.</summary>
    public DateTimeOffset? NextChangeAt => Volatile.Read(ref _nextChangeTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Completes once the ring holds a key (at once when it does), or is cancelled with <paramref name="cancellationToken"/>.</summary>
    public async Task LoadedAsync(CancellationToken cancellationToken)
    {
        while (Keys.Count == 0)
        {
            // The keys are written before the token of the change is cancelled: read the token, then check the keys.
            CancellationToken token;
            try
            {
                token = Volatile.Read(ref _changed).Token;
            }
            catch (ObjectDisposedException)
            {
                continue; // replaced by a reload just now: look at the keys again
            }

            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), changed))
            {
                if (Keys.Count > 0)
                {
                    return;
                }

                await changed.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <returns>Whether the key set changed.</returns>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            List<Domain.Keys.SigningKey> stored;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
                stored = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
            }

            var now = clock.GetUtcNow();
            var signer = SigningKeySchedule.SignerAt(stored, now);
            var published = stored.Where(k => k.IsPublishedAt(now))
                .OrderByDescending(k => ReferenceEquals(k, signer))
                .ThenByDescending(k => k.SignsFrom)
                .ThenByDescending(k => k.CreatedAt)
                .ThenBy(k => k.KeyId, StringComparer.Ordinal)
                .ToList();
            Volatile.Write(ref _nextChangeTicks, SigningKeySchedule.NextChangeAfter(stored, now)?.UtcTicks ?? 0);

            var fingerprint = string.Join(',', published.Select(k => ReferenceEquals(k, signer) ? k.KeyId + "*" : k.KeyId));
            if (fingerprint == _fingerprint)
            {
                return false;
            }

            var loaded = Keys.ToDictionary(k => k.KeyId, k => k.Key, StringComparer.Ordinal);
            var keys = published.Select(k => new LoadedSigningKey(
                k.KeyId,
                loaded.TryGetValue(k.KeyId, out var rsa) ? rsa : Decrypt(k.ProtectedPrivateKey),
                Signing: ReferenceEquals(k, signer),
                k.CreatedAt,
                k.SignsFrom,
                k.RetiresAt)).ToList();

            Volatile.Write(ref _keys, keys);
            _fingerprint = fingerprint;
            var changed = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
            await changed.CancelAsync();
            changed.Dispose();
            return true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    private RSA Decrypt(string protectedPrivateKey)
    {
        var pkcs8 = protector.Unprotect(protectedPrivateKey, SigningKeyFactory.ProtectionPurpose);
        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
