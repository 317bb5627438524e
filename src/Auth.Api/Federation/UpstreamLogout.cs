using Auth.Application.IdentityProviders;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;

namespace Auth.Api.Federation;

/// <summary>
/// Logout at the upstream provider a session began at (OpenID Connect RP-Initiated Logout 1.0, this service as the
/// upstream's relying party): after the local session has ended, OpenIddict's client sends the person to the
/// upstream's end-session endpoint with <c>id_token_hint</c>, and <see cref="Routes.ProviderSignedOut"/> brings them on
/// to where this service's own logout would have sent them, carried in the signed and encrypted state.
/// </summary>
public static class UpstreamLogout
{
    /// <summary>
    /// Whether the provider can log the person out: it has a post-logout redirect URI here (upstream logout on, as this
    /// node has loaded it) and its discovery document names an end-session endpoint. An upstream that cannot be reached
    /// now is skipped: the local logout stands on its own.
    /// </summary>
    public static async Task<bool> IsAvailableAsync(OpenIddictClientService clients, string providerId, CancellationToken cancellationToken)
    {
        if (!await HasPostLogoutRedirectUriAsync(clients, providerId, cancellationToken))
        {
            return false;
        }

        try
        {
            var configuration = await clients.GetServerConfigurationByRegistrationIdAsync(providerId, cancellationToken);
            return configuration.EndSessionEndpoint is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whether <see cref="Routes.ProviderSignedOut"/> of this provider is one of OpenIddict's post-logout redirection endpoints.</summary>
    public static async Task<bool> HasPostLogoutRedirectUriAsync(OpenIddictClientService clients, string providerId, CancellationToken cancellationToken) =>
        (await clients.GetClientRegistrationsAsync(cancellationToken)).Any(r => r.RegistrationId == providerId && r.PostLogoutRedirectUri is not null);

    /// <summary>The sign-out at the upstream; <paramref name="returnTo"/> travels in the state and is where the callback sends the person.</summary>
    public static AuthenticationProperties Properties(UpstreamSignOut signOut, string returnTo) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = signOut.ProviderId,
            [OpenIddictClientAspNetCoreConstants.Properties.IdentityTokenHint] = signOut.IdTokenHint,
        })
        {
            RedirectUri = returnTo,
        };
}
