using System.Text.RegularExpressions;
using Auth.Application.Clients;
using Auth.Domain.IdentityProviders;
using FluentValidation;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// The rules of a provider definition. Each message starts with the member it is about, spelt as in the seed file
/// (<c>linking.verifiedEmail: ...</c>), so the seed file, configuration and command line point at the same thing.
/// The catalog applies the same rules to stored rows, so a bad row never reaches the OpenID Connect client.
/// </summary>
public sealed partial class IdentityProviderDefinitionValidator : AbstractValidator<IdentityProviderDefinition>
{
    /// <summary>Ids that would collide with the sign-in paths' fixed segments (<c>/signin/failed</c>).</summary>
    public static readonly IReadOnlyList<string> ReservedIds = ["failed", "callback"];

    public IdentityProviderDefinitionValidator()
    {
        RuleFor(d => d.Id).Must(id => id is not null && IdPattern().IsMatch(id) && !ReservedIds.Contains(id))
            .WithMessage("id: 1 to 64 lower-case letters, digits and inner hyphens (it is part of the callback path); 'failed' and 'callback' are reserved.");
        RuleFor(d => d.DisplayName).Must(n => !string.IsNullOrWhiteSpace(n) && n.Length <= 100)
            .WithMessage("displayName: 1 to 100 characters (the text of the sign-in button).");
        RuleFor(d => d.Kind).Must(IdentityProviderNames.Kinds.Contains)
            .WithMessage($"kind: one of {string.Join(", ", IdentityProviderNames.Kinds)}.");

        RuleFor(d => d.Issuer).NotEmpty().When(d => d.Kind != IdentityProviderNames.Entra)
            .WithMessage("issuer: required (the URL whose /.well-known/openid-configuration describes the provider).");
        RuleFor(d => d.Issuer).Must(BeAnIssuerUrl!).When(d => d.Issuer is not null)
            .WithMessage("issuer: must be an absolute https URL without query or fragment (http only on loopback).");

        RuleFor(d => d.Tenant).Must(t => t is not null && (Guid.TryParse(t, out _) || IdentityProvider.MultiTenantNames.Contains(t)))
            .When(d => d.Kind == IdentityProviderNames.Entra)
            .WithMessage("tenant: an Entra ID tenant id (GUID), or 'organizations' or 'common' for a multi-tenant application ('consumers' is refused).");
        RuleFor(d => d.Tenant).Null().When(d => d.Kind != IdentityProviderNames.Entra)
            .WithMessage("tenant: only for kind 'entra'.");
        RuleFor(d => d.AllowedTenants).NotEmpty().When(IsMultiTenant)
            .WithMessage("allowedTenants: a multi-tenant Entra provider needs the tenant ids whose accounts may sign in.");
        RuleForEach(d => d.AllowedTenants).Must(t => Guid.TryParse(t, out _))
            .WithMessage("allowedTenants: each entry is a tenant id (GUID).");

        RuleFor(d => d.ClientId).Must(c => !string.IsNullOrWhiteSpace(c) && c.Length <= 256)
            .WithMessage("clientId: 1 to 256 characters (the application's id at the provider).");
        RuleFor(d => d.ClientAuthentication).Must(IdentityProviderNames.ClientAuthentications.Contains)
            .WithMessage($"clientAuthentication: one of {string.Join(", ", IdentityProviderNames.ClientAuthentications)}.");
        RuleFor(d => d.ClientSecret).Null().When(d => d.ClientAuthentication == IdentityProviderNames.PrivateKeyJwt)
            .WithMessage("clientSecret: not with private_key_jwt, which signs with a key this service holds.");
        RuleFor(d => d.ClientSecret)
            .Must(s => s is { Length: >= ClientDefinitionValidator.MinimumSecretLength and <= 512 })
            .When(d => d.ClientAuthentication is IdentityProviderNames.ClientSecretBasic or IdentityProviderNames.ClientSecretPost)
            .WithMessage($"clientSecret: {ClientDefinitionValidator.MinimumSecretLength} to 512 characters, required with client_secret_basic and client_secret_post.");

        RuleFor(d => d.Scopes).Must(s => s.Contains("openid"))
            .WithMessage("scopes: must contain 'openid'.");
        RuleForEach(d => d.Scopes).Must(s => s is not null && ScopePattern().IsMatch(s))
            .WithMessage("scopes: each is one token of printable characters without space, quote or backslash (RFC 6749 §3.3).");

        RuleFor(d => d.Claims).NotNull().WithMessage("claims: an object.").DependentRules(() =>
        {
            ClaimName(d => d.Claims.Subject!, "claims.subject").When(d => d.Claims.Subject is not null);
            ClaimName(d => d.Claims.UserName, "claims.userName");
            ClaimName(d => d.Claims.Email, "claims.email");
            ClaimName(d => d.Claims.GivenName, "claims.givenName");
            ClaimName(d => d.Claims.FamilyName, "claims.familyName");
            ClaimName(d => d.Claims.DisplayName, "claims.displayName");
            RuleFor(d => d.Claims.Subject).Must(s => s is null or "oid").When(d => d.Kind == IdentityProviderNames.Entra)
                .WithMessage("claims.subject: Entra ID links by 'oid' (with the tenant); its 'sub' differs per application.");
        });

        RuleForEach(d => d.Domains).Must(BeADomain)
            .WithMessage("domains: each is a host name such as contoso.com.");
        RuleFor(d => d.Domains).Must(d => d.Where(BeADomain).Select(IdentityProviderDomain.Normalize).Distinct().Count() == d.Count(BeADomain))
            .WithMessage("domains: listed twice.");

        RuleFor(d => d.Linking).NotNull().WithMessage("linking: an object.").DependentRules(() =>
        {
            ClaimName(d => d.Linking.ExternalIdClaim!, "linking.externalIdClaim").When(d => d.Linking.ExternalIdClaim is not null);
            RuleFor(d => d.Linking.ProvisioningClient).NotEmpty().When(d => d.Linking.ExternalIdClaim is not null)
                .WithMessage("linking: externalIdClaim needs provisioningClient, the SCIM client whose externalIds it compares.");
            RuleFor(d => d.Linking.ProvisioningClient).MaximumLength(100)
                .WithMessage("linking.provisioningClient: at most 100 characters (a client id).");
            RuleFor(d => d.Linking.VerifiedEmail).Equal(false).When(IsMultiTenant)
                .WithMessage("linking.verifiedEmail: never for multi-tenant Entra ID, whose email claim any tenant can set; link by externalIdClaim 'oid'.");
            RuleFor(d => d.Domains).NotEmpty().When(d => d.Linking.VerifiedEmail)
                .WithMessage("linking.verifiedEmail: needs domains, the e-mail domains the provider owns.");
            RuleFor(d => d.Linking).Must(l => l.ExternalIdClaim is not null || l.UserName || l.VerifiedEmail || l.JustInTime)
                .WithMessage("linking: no rule (externalIdClaim, userName, verifiedEmail) and no justInTime: nobody could ever sign in.");
        });

        RuleFor(d => d.Mfa).NotNull().WithMessage("mfa: an object.");
        RuleForEach(d => d.Mfa.AcrValues).Must(a => a is not null && ScopePattern().IsMatch(a)).When(d => d.Mfa is not null)
            .WithMessage("mfa.acrValues: each is one token without spaces.");
    }

    private static bool IsMultiTenant(IdentityProviderDefinition d) =>
        d.Kind == IdentityProviderNames.Entra && IdentityProvider.MultiTenantNames.Contains(d.Tenant ?? string.Empty);

    private IRuleBuilderOptions<IdentityProviderDefinition, string> ClaimName(System.Linq.Expressions.Expression<Func<IdentityProviderDefinition, string>> claim, string field) =>
        RuleFor(claim).Must(c => c is not null && ClaimPattern().IsMatch(c)).WithMessage($"{field}: a claim name of 1 to 64 letters, digits and _ . : -");

    // The same rule as OAuth:Issuer: https, except on a loopback host for local development.
    private static bool BeAnIssuerUrl(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) &&
        string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);

    private static bool BeADomain(string domain)
    {
        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253)
        {
            return false;
        }

        try
        {
            return DomainPattern().IsMatch(IdentityProviderDomain.Normalize(domain));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$")]
    private static partial Regex ScopePattern();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex ClaimPattern();

    [GeneratedRegex("^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}$")]
    private static partial Regex DomainPattern();
}
