using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>One provider as registered, for an operator to read and send back changed; null when no provider has the id.</summary>
public sealed record GetIdentityProvider(string Id) : IQuery<IdentityProviderDetails?>;

/// <param name="Definition">What was registered, without the client secret (never read back).</param>
/// <param name="CertificatePem">With <c>private_key_jwt</c>: the certificate to give the upstream application.</param>
/// <param name="Version">Changes with every change of the provider: the admin API's ETag.</param>
public sealed record IdentityProviderDetails(
    IdentityProviderDefinition Definition,
    bool HasClientSecret,
    string? SigningKeyId,
    string? CertificatePem,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed class GetIdentityProviderHandler(IAuthDbContext db) : IQueryHandler<GetIdentityProvider, IdentityProviderDetails?>
{
    public async ValueTask<IdentityProviderDetails?> Handle(GetIdentityProvider query, CancellationToken cancellationToken)
    {
        var provider = await db.IdentityProviders.AsNoTracking().Include(p => p.Domains).SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken);
        return provider is null ? null : new IdentityProviderDetails(
            StoredIdentityProvider.Definition(provider, clientSecret: null) with { Domains = [.. provider.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal)] },
            provider.ProtectedClientSecret is not null,
            provider.SigningKeyId,
            IdentityProviderKeys.CertificatePem(provider.SigningCertificate),
            provider.Version,
            provider.CreatedAt,
            provider.UpdatedAt);
    }
}
