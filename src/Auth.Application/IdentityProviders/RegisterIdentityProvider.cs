using System.Security.Cryptography;
using System.Text;
using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.IdentityProviders;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// Registers an upstream identity provider, or with <see cref="ReplaceExisting"/> brings an existing one in line with
/// its definition (the seed file and configuration do this at every start, so applying one twice changes nothing).
/// Every node's catalog picks the change up within <c>IdentityProviders:RefreshInterval</c>.
/// </summary>
/// <param name="ExpectedVersion">
/// The version the caller last read (the admin API's <c>If-Match</c>): the change is refused as a failed precondition
/// when the provider is gone or was changed since (RFC 9110 §13.1.1).
/// </param>
public sealed record RegisterIdentityProvider(IdentityProviderDefinition Provider, bool ReplaceExisting = false, long? ExpectedVersion = null) : ICommand<Result<ChangeOutcome>>;

public sealed class RegisterIdentityProviderValidator : AbstractValidator<RegisterIdentityProvider>
{
    // Failures are named relative to the definition: the admin API's request body is the definition itself.
    public RegisterIdentityProviderValidator() => RuleFor(c => c.Provider).SetValidator(new IdentityProviderDefinitionValidator()).OverridePropertyName(string.Empty);
}

public sealed class RegisterIdentityProviderHandler(
    IAuthDbContext db,
    IClientRegistry clients,
    ISecretProtector protector,
    ISecurityEvents events,
    TimeProvider clock) : ICommandHandler<RegisterIdentityProvider, Result<ChangeOutcome>>
{
    public async ValueTask<Result<ChangeOutcome>> Handle(RegisterIdentityProvider command, CancellationToken cancellationToken)
    {
        var definition = command.Provider;
        if (definition.Linking.ProvisioningClient is { } provisioning && !await clients.ExistsAsync(provisioning, cancellationToken))
        {
            return Error.Invalid($"linking.provisioningClient: no client has the id '{provisioning}'.");
        }

        var domains = definition.Domains.Select(IdentityProviderDomain.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var taken = await db.IdentityProviderDomains
            .Where(d => domains.Contains(d.Domain) && d.ProviderId != definition.Id)
            .Select(d => d.Domain + " (" + d.ProviderId + ")")
            .ToListAsync(cancellationToken);
        if (taken.Count > 0)
        {
            return Error.Conflict($"domains: already owned by another provider: {string.Join(", ", taken)}.");
        }

        var now = clock.GetUtcNow();
        var provider = await db.IdentityProviders.Include(p => p.Domains).SingleOrDefaultAsync(p => p.Id == definition.Id, cancellationToken);
        if (command.ExpectedVersion is { } expected && provider?.Version != expected)
        {
            return Error.PreconditionFailed(provider is null
                ? $"No identity provider has the id '{definition.Id}'."
                : $"The identity provider '{definition.Id}' was changed since version {expected}; read it again.");
        }

        ChangeOutcome outcome;
        if (provider is null)
        {
            provider = new IdentityProvider(definition.Id, now);
            db.IdentityProviders.Add(provider);
            outcome = ChangeOutcome.Created;
        }
        else if (!command.ReplaceExisting)
        {
            return Error.Conflict($"An identity provider with id '{definition.Id}' already exists.");
        }
        else
        {
            outcome = ChangeOutcome.Unchanged;
        }

        var before = Describe(provider);
        var secretChanged = ApplySecret(provider, definition.ClientSecret);
        Apply(provider, definition, domains);
        var keyChanged = ApplyKey(provider, now);
        if (outcome == ChangeOutcome.Unchanged && (secretChanged || keyChanged || Describe(provider) != before))
        {
            provider.Touch(now);
            outcome = ChangeOutcome.Updated;
        }

        if (outcome == ChangeOutcome.Unchanged)
        {
            return outcome;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer changed or removed the row between this read and this write (Version is its concurrency token).
            db.DiscardChanges();
            return Error.PreconditionFailed($"The identity provider '{definition.Id}' was changed or removed meanwhile; read it again.");
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // A parallel registration took the id or one of the domains first.
            db.DiscardChanges();
            return Error.Conflict($"An identity provider with id '{definition.Id}', or one of its domains, was registered meanwhile.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.IdentityProviderRegistered, SecurityEventOutcomes.Success,
            Detail: $"{definition.Id} {(outcome == ChangeOutcome.Created ? "created" : "updated")}"));
        return outcome;
    }

    private static void Apply(IdentityProvider provider, IdentityProviderDefinition definition, IReadOnlyList<string> domains)
    {
        var kind = IdentityProviderNames.KindOf(definition.Kind);
        provider.DisplayName = definition.DisplayName;
        provider.Kind = kind;
        provider.Issuer = definition.Issuer;
        provider.Tenant = definition.Tenant;
        provider.AllowedTenants = IdentityProvider.Join(definition.AllowedTenants.Select(t => t.ToLowerInvariant()));
        provider.ClientId = definition.ClientId;
        provider.ClientAuthentication = IdentityProviderNames.ClientAuthenticationOf(definition.ClientAuthentication);
        provider.Scopes = IdentityProvider.Join(definition.Scopes) ?? "openid";
        provider.SubjectClaim = definition.Claims.Subject ?? (kind == ProviderKind.Entra ? "oid" : "sub");
        provider.UserNameClaim = definition.Claims.UserName;
        provider.EmailClaim = definition.Claims.Email;
        provider.GivenNameClaim = definition.Claims.GivenName;
        provider.FamilyNameClaim = definition.Claims.FamilyName;
        provider.DisplayNameClaim = definition.Claims.DisplayName;
        provider.ExternalIdClaim = definition.Linking.ExternalIdClaim;
        provider.ProvisioningClient = definition.Linking.ProvisioningClient;
        provider.LinkByUserName = definition.Linking.UserName;
        provider.LinkByVerifiedEmail = definition.Linking.VerifiedEmail;
        provider.AllowAdditionalLinks = definition.Linking.AllowAdditionalLinks;
        provider.JustInTime = definition.Linking.JustInTime;
        provider.TrustUpstreamMfa = definition.Mfa.TrustUpstream;
        provider.MfaAcrValues = IdentityProvider.Join(definition.Mfa.AcrValues);
        provider.UpstreamLogout = definition.UpstreamLogout;
        provider.Enabled = definition.Enabled;

        provider.Domains.RemoveAll(d => !domains.Contains(d.Domain));
        foreach (var domain in domains.Where(d => provider.Domains.All(owned => owned.Domain != d)))
        {
            provider.Domains.Add(new IdentityProviderDomain(domain, provider.Id));
        }
    }

    /// <returns>Whether the secret changed. The stored one is kept when equal, so re-applying a seed writes nothing.</returns>
    private bool ApplySecret(IdentityProvider provider, string? secret)
    {
        var stored = provider.ProtectedClientSecret is { } protectedSecret
            ? protector.Unprotect(protectedSecret, IdentityProviderKeys.ClientSecretPurpose)
            : null;
        try
        {
            var given = secret is null ? null : Encoding.UTF8.GetBytes(secret);
            if (given is null ? stored is null : stored is not null && CryptographicOperations.FixedTimeEquals(given, stored))
            {
                return false;
            }

            provider.ProtectedClientSecret = given is null ? null : protector.Protect(given, IdentityProviderKeys.ClientSecretPurpose);
            return true;
        }
        finally
        {
            if (stored is not null)
            {
                CryptographicOperations.ZeroMemory(stored);
            }
        }
    }

    /// <summary>A key is made once, when private_key_jwt is first chosen, and kept while it stays chosen.</summary>
    private bool ApplyKey(IdentityProvider provider, DateTimeOffset now)
    {
        var wanted = provider.ClientAuthentication == ClientAuthenticationKind.PrivateKeyJwt;
        if (wanted == provider.ProtectedSigningKey is not null)
        {
            return false;
        }

        if (wanted)
        {
            IdentityProviderKeys.CreateFor(provider, protector, now);
        }
        else
        {
            IdentityProviderKeys.Clear(provider);
        }

        return true;
    }

    /// <summary>Every setting but the secret and key, to tell whether applying a definition changed anything.</summary>
    private static string Describe(IdentityProvider p) => string.Join('\u001F',
        p.DisplayName, p.Kind, p.Issuer, p.Tenant, p.AllowedTenants, p.ClientId, p.ClientAuthentication, p.Scopes,
        p.SubjectClaim, p.UserNameClaim, p.EmailClaim, p.GivenNameClaim, p.FamilyNameClaim, p.DisplayNameClaim,
        p.ExternalIdClaim, p.ProvisioningClient, p.LinkByUserName, p.LinkByVerifiedEmail, p.AllowAdditionalLinks,
        p.JustInTime, p.TrustUpstreamMfa, p.MfaAcrValues, p.UpstreamLogout, p.Enabled,
        string.Join(',', p.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal)));
}
