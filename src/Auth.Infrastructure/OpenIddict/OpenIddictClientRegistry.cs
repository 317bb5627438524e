using System.Globalization;
using System.Text.Json;
using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Clients;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>Clients are OpenIddict applications; what a definition allows becomes the application's permissions.</summary>
public sealed class OpenIddictClientRegistry(IOpenIddictApplicationManager applications, AccessChangeWriter changes, TimeProvider clock) : IClientRegistry
{
    public async Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is not null;

    public async Task<ClientDetails?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var clientType = descriptor.ClientType ?? ClientTypes.Public;
        var grantTypes = WithPrefix(descriptor.Permissions, Permissions.Prefixes.GrantType);

        // The inverse of ToDescriptor: PKCE is dropped only for a confidential client of the code flow.
        var pkceDropped = clientType == ClientTypes.Confidential && grantTypes.Contains(ClientGrantTypes.AuthorizationCode) &&
            !descriptor.Requirements.Contains(Requirements.Features.ProofKeyForCodeExchange);
        return new ClientDetails(
            descriptor.ClientId!,
            descriptor.DisplayName,
            clientType,
            FirstParty: descriptor.ConsentType != ConsentTypes.Explicit,
            RequirePkce: !pkceDropped,
            RequireMfa: descriptor.Settings.TryGetValue(ClientSettings.RequireMfa, out var mfa) && mfa == "true",
            grantTypes,
            WithPrefix(descriptor.Permissions, Permissions.Prefixes.Scope),
            Sorted(descriptor.RedirectUris),
            Sorted(descriptor.PostLogoutRedirectUris),
            Lifetime(descriptor, Settings.TokenLifetimes.AccessToken),
            Lifetime(descriptor, Settings.TokenLifetimes.RefreshToken),
            Lifetime(descriptor, ClientSettings.RefreshTokenAbsoluteLifetime),
            descriptor.Settings.TryGetValue(ClientSettings.GroupsClaim, out var groups) ? groups : GroupsClaimValue.DisplayName,
            new Dictionary<string, IReadOnlyList<string>>())
        {
            Version = VersionOf(application),
            RequirePushedAuthorizationRequests = descriptor.Requirements.Contains(Requirements.Features.PushedAuthorizationRequests),
            RequireDPoP = descriptor.Settings.TryGetValue(ClientSettings.RequireDPoP, out var dpop) && dpop == "true",
            UserinfoSignedResponseAlg = descriptor.Settings.TryGetValue(ClientSettings.UserinfoSignedResponseAlg, out var userInfoAlg) ? userInfoAlg : null,
            RequestObjectSigningAlg = descriptor.Settings.TryGetValue(ClientSettings.RequestObjectSigningAlg, out var requestObjectAlg) ? requestObjectAlg : null,
            RequireSignedRequestObject = descriptor.Settings.TryGetValue(ClientSettings.RequireSignedRequestObject, out var signedObjects) && signedObjects == "true",
            RequestUris = ClientSettings.ListOf(descriptor.Settings.GetValueOrDefault(ClientSettings.RequestUris)),
            AllowedCorsOrigins = ClientSettings.ListOf(descriptor.Settings.GetValueOrDefault(ClientSettings.AllowedCorsOrigins)),
            Jwks = ClientJsonWebKeys.ToJson(descriptor.JsonWebKeySet),
            BackchannelLogoutUri = descriptor.Settings.TryGetValue(ClientSettings.BackchannelLogoutUri, out var logoutUri) ? logoutUri : null,
            BackchannelLogoutSessionRequired = !(descriptor.Settings.TryGetValue(ClientSettings.BackchannelLogoutSessionRequired, out var sid) && sid == "false"),
            FrontchannelLogoutUri = descriptor.Settings.GetValueOrDefault(ClientSettings.FrontchannelLogoutUri),
            FrontchannelLogoutSessionRequired = descriptor.Settings.GetValueOrDefault(ClientSettings.FrontchannelLogoutSessionRequired) != "false",
            JwksUri = descriptor.Settings.TryGetValue(ClientSettings.JwksUri, out var jwksUri) ? jwksUri : null,
            LogoUri = descriptor.Settings.GetValueOrDefault(ClientSettings.LogoUri),
            PolicyUri = descriptor.Settings.GetValueOrDefault(ClientSettings.PolicyUri),
            TosUri = descriptor.Settings.GetValueOrDefault(ClientSettings.TermsOfServiceUri),
            ClientUri = descriptor.Settings.GetValueOrDefault(ClientSettings.ClientUri),
            Contacts = ClientSettings.ListOf(descriptor.Settings.GetValueOrDefault(ClientSettings.Contacts)),
            SelfRegistered = ClientProperties.IsSelfRegistered(descriptor.Properties),
            SecretRotatedAt = PreviousClientSecret.RotatedAt(descriptor.Properties),
            PreviousSecretValidUntil = PreviousClientSecret.From(descriptor.Properties) is { } previous && previous.ValidUntil > clock.GetUtcNow()
                ? previous.ValidUntil
                : null,
        };
    }

    public async Task<bool> AddAsync(ClientDefinition client, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is not null)
        {
            return false;
        }

        await applications.CreateAsync(Created(client), cancellationToken);
        return true;
    }

    public async Task<ChangeOutcome> ApplyAsync(ClientDefinition client, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(Created(client), cancellationToken);
            return ChangeOutcome.Created;
        }

        var descriptor = ToDescriptor(client);

        if (await MatchesAsync(existing, descriptor, cancellationToken))
        {
            return ChangeOutcome.Unchanged;
        }

        // The properties (a rotation's previous secret) are the service's, not the definition's: kept, unless the
        // definition states a new secret, which replaces the previous one too.
        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, existing, cancellationToken);

        // A new secret or new keys (or none any more) void the tokens issued with the old ones: they may have leaked.
        var secretChanged = descriptor.ClientSecret is null
            ? !await applications.HasClientTypeAsync(existing, ClientTypes.Public, cancellationToken) &&
              !(HasKeys(descriptor) && current.ClientSecret is null && SameKeys(current, descriptor))
            : !await applications.ValidateClientSecretAsync(existing, descriptor.ClientSecret, cancellationToken);
        foreach (var property in current.Properties)
        {
            descriptor.Properties[property.Key] = property.Value;
        }

        if (secretChanged)
        {
            PreviousClientSecret.Forget(descriptor.Properties);
        }

        await LostRace.SavingAsync(applications.UpdateAsync(existing, descriptor, cancellationToken));
        if (secretChanged)
        {
            await changes.CutOffAsync(AccessChangeKind.ClientCutOff, client.ClientId, cancellationToken);
        }

        return ChangeOutcome.Updated;
    }

    public async Task<string?> ReplaceKeepingSecretAsync(ClientDefinition client, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, existing, cancellationToken);
        var confidential = current.ClientType == ClientTypes.Confidential;

        // The stored hash goes back as it is: OpenIddict hashes a secret only when it differs from the stored value.
        var wanted = ToDescriptor(client with { ClientSecret = confidential && !client.HasKeys ? current.ClientSecret : null });
        foreach (var property in current.Properties)
        {
            wanted.Properties[property.Key] = property.Value;
        }

        // Keys in place of a secret end every secret: a rotation's previous one too, whatever time it had left.
        if (current.ClientSecret is not null && wanted.ClientSecret is null)
        {
            PreviousClientSecret.Forget(wanted.Properties);
        }

        // A replacement may mark the client (RFC 7592: one that registered itself before the mark existed), never unmark it.
        var marking = client.SelfRegistered && !ClientProperties.IsSelfRegistered(current.Properties);
        if (marking)
        {
            wanted.Properties[ClientProperties.SelfRegistered] = JsonSerializer.SerializeToElement(true);
        }

        if (SameShape(current, wanted) && !marking)
        {
            return VersionOf(existing);
        }

        await LostRace.SavingAsync(applications.UpdateAsync(existing, wanted, cancellationToken));

        // New keys (inline or at another URI) void the tokens issued while the old ones held, as a seed file's change does.
        if ((HasKeys(current) || HasKeys(wanted)) && !SameKeys(current, wanted))
        {
            await changes.CutOffAsync(AccessChangeKind.ClientCutOff, client.ClientId, cancellationToken);
        }

        return VersionOf(await applications.FindByClientIdAsync(client.ClientId, cancellationToken));
    }

    public async Task<string?> NewVersionAsync(string clientId, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        // OpenIddict's store gives every update a new concurrency token, checked against the one it read.
        await LostRace.SavingAsync(applications.UpdateAsync(existing, cancellationToken));
        return VersionOf(existing);
    }

    public async Task<bool> RotateSecretAsync(string clientId, string secret, DateTimeOffset rotatedAt, DateTimeOffset? previousValidUntil, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, existing, cancellationToken);
        PreviousClientSecret.Record(descriptor.Properties, rotatedAt, replacedHash: descriptor.ClientSecret, previousValidUntil);

        // A value other than the stored hash is a new secret: OpenIddict hashes it.
        descriptor.ClientSecret = secret;
        await LostRace.SavingAsync(applications.UpdateAsync(existing, descriptor, cancellationToken));
        if (previousValidUntil is null)
        {
            // Dropped at once, as for a leaked secret: the tokens issued with it go too.
            await changes.CutOffAsync(AccessChangeKind.ClientCutOff, clientId, cancellationToken);
        }

        return true;
    }

    public async Task<bool> HasSecretAsync(string clientId, string secret, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application &&
        await applications.ValidateClientSecretAsync(application, secret, cancellationToken);

    public async Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return false;
        }

        // OpenIddict deletes the application's authorizations and tokens with it.
        await applications.DeleteAsync(application, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ClientSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var clients = new List<ClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, cancellationToken);
            clients.Add(new ClientSummary(
                descriptor.ClientId!,
                descriptor.DisplayName,
                descriptor.ClientType ?? ClientTypes.Public,
                WithPrefix(descriptor.Permissions, Permissions.Prefixes.GrantType),
                WithPrefix(descriptor.Permissions, Permissions.Prefixes.Scope),
                Sorted(descriptor.RedirectUris)));
        }

        return clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
    }

    private async Task<bool> MatchesAsync(object existing, OpenIddictApplicationDescriptor wanted, CancellationToken cancellationToken)
    {
        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, existing, cancellationToken);
        if (!SameShape(current, wanted))
        {
            return false;
        }

        return wanted.ClientSecret is null
            ? HasKeys(wanted)
                ? current.ClientSecret is null
                : await applications.HasClientTypeAsync(existing, ClientTypes.Public, cancellationToken)
            : await applications.ValidateClientSecretAsync(existing, wanted.ClientSecret, cancellationToken);
    }

    /// <summary>Everything but the secret and the properties: what a definition states.</summary>
    private static bool SameShape(OpenIddictApplicationDescriptor current, OpenIddictApplicationDescriptor wanted) =>
        current.DisplayName == wanted.DisplayName &&
        current.ClientType == wanted.ClientType &&
        current.ConsentType == wanted.ConsentType &&
        current.Permissions.SetEquals(wanted.Permissions) &&
        current.Requirements.SetEquals(wanted.Requirements) &&
        current.RedirectUris.SetEquals(wanted.RedirectUris) &&
        current.PostLogoutRedirectUris.SetEquals(wanted.PostLogoutRedirectUris) &&
        ClientJsonWebKeys.Same(current.JsonWebKeySet, wanted.JsonWebKeySet) &&
        current.Settings.Count == wanted.Settings.Count &&
        current.Settings.All(s => wanted.Settings.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary>Whether the client signs private_key_jwt assertions, with keys stated inline or at a jwks URI.</summary>
    private static bool HasKeys(OpenIddictApplicationDescriptor descriptor) =>
        descriptor.JsonWebKeySet is not null || descriptor.Settings.ContainsKey(ClientSettings.JwksUri);

    private static bool SameKeys(OpenIddictApplicationDescriptor current, OpenIddictApplicationDescriptor wanted) =>
        ClientJsonWebKeys.Same(current.JsonWebKeySet, wanted.JsonWebKeySet) &&
        current.Settings.GetValueOrDefault(ClientSettings.JwksUri) == wanted.Settings.GetValueOrDefault(ClientSettings.JwksUri);

    /// <summary>The stored client's version: OpenIddict's concurrency token, new on every update.</summary>
    private static string? VersionOf(object? application) => (application as OpenIddictEntityFrameworkCoreApplication)?.ConcurrencyToken;

    /// <summary>
    /// A new client's descriptor: the definition, and the self-registered mark. The properties of a stored client are
    /// kept by every replacement, so no later definition clears the mark (<see cref="ReplaceKeepingSecretAsync"/> may add it).
    /// </summary>
    private static OpenIddictApplicationDescriptor Created(ClientDefinition client)
    {
        var descriptor = ToDescriptor(client);
        if (client.SelfRegistered)
        {
            descriptor.Properties[ClientProperties.SelfRegistered] = JsonSerializer.SerializeToElement(true);
        }

        return descriptor;
    }

    private static OpenIddictApplicationDescriptor ToDescriptor(ClientDefinition client)
    {
        var confidential = client.IsConfidential;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            JsonWebKeySet = client.Jwks is { } jwks ? ClientJsonWebKeys.FromJson(jwks) : null,
            DisplayName = client.DisplayName ?? client.ClientId,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = client.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
        };

        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        if (confidential)
        {
            // RFC 7662 §2.1 and RFC 7009 §2.1: only authenticated clients introspect and revoke.
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
            descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        }

        foreach (var grantType in client.GrantTypes)
        {
            descriptor.Permissions.Add(GrantTypePermission(grantType));
        }

        if (client.GrantTypes.Contains(ClientGrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.PushedAuthorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            if (!confidential || client.RequirePkce)
            {
                descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            }

            if (client.RequirePushedAuthorizationRequests)
            {
                descriptor.Requirements.Add(Requirements.Features.PushedAuthorizationRequests);
            }
        }

        if (client.GrantTypes.Contains(ClientGrantTypes.DeviceCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.DeviceAuthorization);
        }

        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        if (client.RequireMfa)
        {
            descriptor.Settings[ClientSettings.RequireMfa] = "true";
        }

        if (client.JwksUri is { } jwksUri)
        {
            descriptor.Settings[ClientSettings.JwksUri] = jwksUri;
        }

        if (client.RequireDPoP)
        {
            descriptor.Settings[ClientSettings.RequireDPoP] = "true";
        }

        foreach (var (setting, link) in new[] { (ClientSettings.LogoUri, client.LogoUri), (ClientSettings.PolicyUri, client.PolicyUri), (ClientSettings.TermsOfServiceUri, client.TosUri), (ClientSettings.ClientUri, client.ClientUri) })
        {
            if (link is not null)
            {
                descriptor.Settings[setting] = link;
            }
        }

        if (client.AllowedCorsOrigins.Count > 0)
        {
            descriptor.Settings[ClientSettings.AllowedCorsOrigins] = CorsOrigin.ToSetting(client.AllowedCorsOrigins);
        }

        if (client.UserinfoSignedResponseAlg is { } userInfoAlg)
        {
            descriptor.Settings[ClientSettings.UserinfoSignedResponseAlg] = userInfoAlg;
        }

        if (client.RequestObjectSigningAlg is { } requestObjectAlg)
        {
            descriptor.Settings[ClientSettings.RequestObjectSigningAlg] = requestObjectAlg;
        }

        if (client.RequireSignedRequestObject)
        {
            descriptor.Settings[ClientSettings.RequireSignedRequestObject] = "true";
        }

        if (client.RequestUris.Count > 0)
        {
            descriptor.Settings[ClientSettings.RequestUris] = ClientSettings.List(client.RequestUris);
        }

        if (client.Contacts.Count > 0)
        {
            descriptor.Settings[ClientSettings.Contacts] = ClientSettings.List(client.Contacts);
        }

        if (client.GroupsClaim is { } groupsClaim && groupsClaim != GroupsClaimValue.DisplayName)
        {
            descriptor.Settings[ClientSettings.GroupsClaim] = groupsClaim;
        }

        if (client.BackchannelLogoutUri is { } logoutUri)
        {
            descriptor.Settings[ClientSettings.BackchannelLogoutUri] = new Uri(logoutUri, UriKind.Absolute).AbsoluteUri;
            if (!client.BackchannelLogoutSessionRequired)
            {
                descriptor.Settings[ClientSettings.BackchannelLogoutSessionRequired] = "false";
            }
        }

        if (client.FrontchannelLogoutUri is { } frontchannelUri)
        {
            descriptor.Settings[ClientSettings.FrontchannelLogoutUri] = new Uri(frontchannelUri, UriKind.Absolute).AbsoluteUri;
            if (!client.FrontchannelLogoutSessionRequired)
            {
                descriptor.Settings[ClientSettings.FrontchannelLogoutSessionRequired] = "false";
            }
        }

        SetLifetime(descriptor, Settings.TokenLifetimes.AccessToken, client.AccessTokenLifetime);
        SetLifetime(descriptor, Settings.TokenLifetimes.RefreshToken, client.RefreshTokenLifetime);
        SetLifetime(descriptor, ClientSettings.RefreshTokenAbsoluteLifetime, client.RefreshTokenAbsoluteLifetime);

        return descriptor;
    }

    private static string GrantTypePermission(string grantType) => grantType switch
    {
        ClientGrantTypes.ClientCredentials => Permissions.GrantTypes.ClientCredentials,
        ClientGrantTypes.AuthorizationCode => Permissions.GrantTypes.AuthorizationCode,
        ClientGrantTypes.RefreshToken => Permissions.GrantTypes.RefreshToken,
        ClientGrantTypes.DeviceCode => Permissions.GrantTypes.DeviceCode,
        ClientGrantTypes.TokenExchange => Permissions.GrantTypes.TokenExchange,
        _ => throw new ArgumentOutOfRangeException(nameof(grantType), grantType, "The client definition's validator admits no other grant type."),
    };

    private static void SetLifetime(OpenIddictApplicationDescriptor descriptor, string setting, int? seconds)
    {
        if (seconds is { } value)
        {
            descriptor.Settings[setting] = TimeSpan.FromSeconds(value).ToString("c", CultureInfo.InvariantCulture);
        }
    }

    private static int? Lifetime(OpenIddictApplicationDescriptor descriptor, string setting) =>
        descriptor.Settings.TryGetValue(setting, out var value) && TimeSpan.TryParseExact(value, "c", CultureInfo.InvariantCulture, out var lifetime)
            ? (int)lifetime.TotalSeconds
            : null;

    private static List<string> Sorted(IEnumerable<Uri> uris) => uris.Select(u => u.AbsoluteUri).Order(StringComparer.Ordinal).ToList();

    private static List<string> WithPrefix(IEnumerable<string> permissions, string prefix) =>
        permissions.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
