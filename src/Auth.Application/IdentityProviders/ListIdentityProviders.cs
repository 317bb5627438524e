using Auth.Application.Ports;
using Auth.Domain.IdentityProviders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>The registered providers, as an operator reviews them: never a secret or a private key.</summary>
public sealed record ListIdentityProviders : IQuery<IReadOnlyList<IdentityProviderSummary>>;

/// <param name="Rules">The linking rules in force, in the order they are tried (<c>externalId userName verifiedEmail justInTime</c>).</param>
/// <param name="CertificatePem">With <c>private_key_jwt</c>: the certificate to give the upstream application.</param>
public sealed record IdentityProviderSummary(
    string Id,
    string DisplayName,
    string Kind,
    string? Issuer,
    string ClientId,
    string ClientAuthentication,
    bool HasClientSecret,
    string? SigningKeyId,
    string? CertificatePem,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Rules,
    bool Enabled);

public sealed class ListIdentityProvidersHandler(IAuthDbContext db) : IQueryHandler<ListIdentityProviders, IReadOnlyList<IdentityProviderSummary>>
{
    public async ValueTask<IReadOnlyList<IdentityProviderSummary>> Handle(ListIdentityProviders query, CancellationToken cancellationToken)
    {
        var providers = await db.IdentityProviders.AsNoTracking().Include(p => p.Domains).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return [.. providers.Select(p => new IdentityProviderSummary(
            p.Id,
            p.DisplayName,
            IdentityProviderNames.NameOf(p.Kind),
            p.EffectiveIssuer,
            p.ClientId,
            IdentityProviderNames.NameOf(p.ClientAuthentication),
            p.ProtectedClientSecret is not null,
            p.SigningKeyId,
            IdentityProviderKeys.CertificatePem(p.SigningCertificate),
            [.. p.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal)],
            Rules(p),
            p.Enabled))];
    }

    private static string[] Rules(IdentityProvider p) =>
    [
        .. p.ExternalIdClaim is not null ? ["externalId"] : Array.Empty<string>(),
        .. p.LinkByUserName ? ["userName"] : Array.Empty<string>(),
        .. p.LinkByVerifiedEmail ? ["verifiedEmail"] : Array.Empty<string>(),
        .. p.JustInTime ? ["justInTime"] : Array.Empty<string>(),
    ];
}
