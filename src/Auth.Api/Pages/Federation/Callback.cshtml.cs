using System.Security.Claims;
using Auth.Api.Federation;
using Auth.Api.OAuth;
using Auth.Api.SignIn;
using Auth.Application.Audit;
using Auth.Application.IdentityProviders;
using Auth.Application.Mfa;
using Auth.Application.Ports;
using Auth.Domain.IdentityProviders;
using Auth.Infrastructure.IdentityProviders;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.Pages.Federation;

/// <summary>
/// The redirect URI the upstream sends the browser back to. OpenIddict has already checked the response (state bound
/// to this browser and used once, RFC 9207 iss, the code exchanged with PKCE, the ID token's signature, issuer,
/// audience and nonce); this page links the identity to a local user, starts the session (after the local second
/// factor when the upstream's does not count) and returns to the authorization request. Every failure ends on the
/// error page, audited, and never at a client.
/// </summary>
public sealed class CallbackModel(ISender sender, IdentityProviderCatalog catalog, ISecurityEvents events) : PageModel
{
    /// <summary>What an upstream says when the person cancelled or may not sign in (OpenID Connect Core §3.1.2.6).</summary>
    private static readonly HashSet<string> UpstreamRefusals = new(StringComparer.Ordinal)
    {
        OidcErrors.AccessDenied, OidcErrors.LoginRequired, OidcErrors.ConsentRequired, OidcErrors.InteractionRequired, OidcErrors.TemporarilyUnavailable,
        OidcErrors.AccountSelectionRequired,
    };

    public FederationFailure Failure { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string providerId, CancellationToken cancellationToken)
    {
        var loaded = catalog.Find(providerId);
        if (HttpContext.GetOpenIddictClientEndpointType() != OpenIddictClientEndpointType.Redirection)
        {
            // No registration owns this path (a provider removed since the sign-in started, or never configured):
            // OpenIddict would throw on authentication here.
            return Refuse(providerId, loaded, properties: null);
        }

        var result = await HttpContext.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || loaded is null ||
            result.Principal?.GetClaim(Claims.Private.RegistrationId) != providerId ||
            result.Properties?.GetParameter<ClaimsPrincipal>(OpenIddictClientAspNetCoreConstants.Properties.BackchannelIdentityTokenPrincipal) is not { } idToken)
        {
            return Refuse(providerId, loaded, result.Properties);
        }

        var upstream = UpstreamClaims.Read(
            providerId,
            new Uri(loaded.Provider.EffectiveIssuer!),
            idToken,
            result.Properties.GetParameter<ClaimsPrincipal>(OpenIddictClientAspNetCoreConstants.Properties.UserInfoTokenPrincipal),
            result.Properties.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.BackchannelIdentityToken));
        var signedIn = await sender.Send(new SignInWithIdentityProvider(upstream), cancellationToken);
        if (!signedIn.Succeeded)
        {
            // Audited by the use case; the same page whatever the reason, so nothing tells which accounts exist.
            return Fail(StatusCodes.Status403Forbidden, SignInWithIdentityProviderHandler.Refusal, loaded.Provider.DisplayName);
        }

        var user = signedIn.Value!.User;
        var methods = UpstreamMethods.Of(loaded.Provider, upstream);
        var returnUrl = ReturnUrls.LocalOrHome(Url, result.Properties.RedirectUri);

        // The upstream's ID token is kept only as the id_token_hint of a logout there.
        var idTokenHint = loaded.Provider.UpstreamLogout ? upstream.IdToken : null;
        if (!AuthenticationLevels.IsMultiFactor(methods) && await sender.Send(new HasSecondFactor(user.UserId), cancellationToken))
        {
            // The local second factor, exactly as after a password (docs/security.md): the session starts after it.
            var pending = SessionPrincipal.FederatedSignInGiven(user.UserId, user.UserName, user.SecurityStamp, user.AuthenticatedAt, methods, providerId, idTokenHint);
            await HttpContext.SignInAsync(SessionCookie.PendingSecondFactorScheme, pending, new AuthenticationProperties { IsPersistent = false });
            return LocalRedirect(Routes.SecondFactor + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        await SessionCookie.StartAsync(HttpContext, user.UserId, user.AuthenticatedAt, methods, providerId, idTokenHint);
        return LocalRedirect(returnUrl);
    }

    private PageResult Refuse(string providerId, LoadedIdentityProvider? loaded, AuthenticationProperties? properties)
    {
        var error = properties?.Items.TryGetValue(OpenIddictClientAspNetCoreConstants.Properties.Error, out var value) == true ? value : null;
        var errorUri = properties?.Items.TryGetValue(OpenIddictClientAspNetCoreConstants.Properties.ErrorUri, out var uri) == true ? uri : null;
        var (status, message, outcome) = error switch
        {
            not null when UpstreamRefusals.Contains(error) => (StatusCodes.Status400BadRequest, FederationFailure.Refused, SecurityEventOutcomes.UpstreamError),
            OidcErrors.ServerError => (StatusCodes.Status502BadGateway, FederationFailure.Unreachable, SecurityEventOutcomes.UpstreamError),
            _ => (StatusCodes.Status400BadRequest, FederationFailure.Invalid, SecurityEventOutcomes.Rejected),
        };

        // The detail names the provider (only when it exists: the path is the caller's) and OpenIddict's error id, never the upstream's text.
        var errorId = errorUri is null ? null : errorUri[(errorUri.LastIndexOf('/') + 1)..];
        var detail = loaded is null ? "unknown provider" : $"{providerId} {error ?? "no response"}{(errorId is { Length: <= 16 } ? " " + errorId : string.Empty)}";
        events.Record(new SecurityEvent(SecurityEventTypes.FederatedSignIn, outcome, Detail: detail));
        return Fail(status, message, loaded?.Provider.DisplayName);
    }

    private PageResult Fail(int status, string message, string? providerName)
    {
        Failure = FederationFailure.Of(HttpContext, status, message, providerName);
        Response.StatusCode = status;
        return Page();
    }
}
