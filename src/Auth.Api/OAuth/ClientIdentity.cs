using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth;

/// <summary>The identity a client_credentials token carries: the client itself, its scopes, and their resources as audiences.</summary>
public static class ClientIdentity
{
    public static async Task<ClaimsIdentity> CreateAsync(
        string clientId,
        object application,
        IEnumerable<string> scopeNames,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, cancellationToken));
        identity.SetScopes(scopeNames);
        identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes(), cancellationToken).ToListAsync(cancellationToken));
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return identity;
    }
}
