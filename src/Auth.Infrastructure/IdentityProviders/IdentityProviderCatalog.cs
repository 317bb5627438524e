using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Auth.Application.IdentityProviders;
using Auth.Application.Ports;
using Auth.Domain.IdentityProviders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Auth.Infrastructure.IdentityProviders;

/// <summary>
/// The registered identity providers, with their credentials decrypted once and kept in memory, as
/// <see cref="Keys.SigningKeyRing"/> keeps the signing keys. <see cref="ReloadAsync"/> reads the table again and, only
/// when a row changed, swaps the set and signals <see cref="GetChangeToken"/> so the OpenID Connect client rebuilds
/// its registrations. A row that fails the definition's rules or cannot be decrypted is left out with a warning:
/// one bad row never takes the other providers, or the server, down.
/// </summary>
public sealed partial class IdentityProviderCatalog(IServiceScopeFactory scopes, ISecretProtector protector, ILogger<IdentityProviderCatalog> logger)
{
    private static readonly IdentityProviderDefinitionValidator Rules = new();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private IReadOnlyList<LoadedIdentityProvider> _providers = [];
    private string? _fingerprint;
    private CancellationTokenSource _changed = new();

    /// <summary>Every provider that loaded, enabled or not, ordered by id.</summary>
    public IReadOnlyList<LoadedIdentityProvider> Providers => Volatile.Read(ref _providers);

    public LoadedIdentityProvider? Find(string id) => Providers.FirstOrDefault(p => p.Id == id);

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <returns>Whether the set of providers changed.</returns>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            List<IdentityProvider> stored;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
                stored = await db.IdentityProviders.AsNoTracking().Include(p => p.Domains).OrderBy(p => p.Id).ToListAsync(cancellationToken);
            }

            var fingerprint = string.Join(',', stored.Select(p => $"{p.Id}:{p.Version}"));
            if (fingerprint == _fingerprint)
            {
                return false;
            }

            // Rows whose version did not change keep what was decrypted for them.
            var current = Providers.ToDictionary(p => p.Id, StringComparer.Ordinal);
            var loaded = new List<LoadedIdentityProvider>();
            foreach (var provider in stored)
            {
                if (current.TryGetValue(provider.Id, out var known) && known.Provider.Version == provider.Version)
                {
                    loaded.Add(known);
                }
                else if (Load(provider) is { } fresh)
                {
                    loaded.Add(fresh);
                }
            }

            Volatile.Write(ref _providers, loaded);
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

    private LoadedIdentityProvider? Load(IdentityProvider provider)
    {
        string? secret;
        X509Certificate2? certificate;
        try
        {
            secret = provider.ProtectedClientSecret is { } protectedSecret ? Decrypt(protectedSecret) : null;
            certificate = provider.ProtectedSigningKey is { } protectedKey && provider.SigningCertificate is { } der
                ? WithPrivateKey(der, protectedKey)
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            LogUndecryptable(logger, provider.Id, ex);
            return null;
        }

        var validation = Rules.Validate(StoredIdentityProvider.Definition(provider, secret));
        var missingKey = provider.ClientAuthentication == ClientAuthenticationKind.PrivateKeyJwt && certificate is null;
        if (!validation.IsValid || missingKey)
        {
            certificate?.Dispose();
            var reasons = missingKey ? "private_key_jwt without a key" : string.Join(" ", validation.Errors.Select(e => e.ErrorMessage));
            LogSkipped(logger, provider.Id, reasons);
            return null;
        }

        return new LoadedIdentityProvider(provider, secret, certificate);
    }

    private string Decrypt(string protectedSecret)
    {
        var bytes = protector.Unprotect(protectedSecret, IdentityProviderKeys.ClientSecretPurpose);
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private X509Certificate2 WithPrivateKey(byte[] der, string protectedKey)
    {
        var pkcs8 = protector.Unprotect(protectedKey, IdentityProviderKeys.SigningKeyPurpose);
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return certificate.CopyWithPrivateKey(rsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity provider {ProviderId} left out: {Reasons}")]
    private static partial void LogSkipped(ILogger logger, string providerId, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity provider {ProviderId} left out: its credential cannot be decrypted with this master key")]
    private static partial void LogUndecryptable(ILogger logger, string providerId, Exception exception);
}
