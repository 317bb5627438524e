using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.IntrospectionAndRevocation;

/// <summary>
/// Policy: a client may introspect a token when it is the client the token was issued to (presenter) or one of its
/// audiences (a resource server registered with the resource name as its client id), and may revoke it only when it
/// is the presenter (RFC 7009 §2.1: "the token was issued to the client making the revocation request"): a resource
/// server checks the tokens it receives but cannot end another client's grant. OpenIddict lets any client introspect
/// a token that has no audience; here every refused request answers exactly as for an unknown token
/// (<c>{"active": false}</c>, or 200 with nothing revoked), so the caller learns nothing (RFC 7662 §4, RFC 7009 §2.2).
/// </summary>
public sealed class RestrictTokenToItsParties
    : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>, IOpenIddictServerHandler<ValidateRevocationRequestContext>
{
    public ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is { } principal && !IsParty(principal, context.ClientId))
        {
            context.Reject(OidcErrors.InvalidToken, "The token is not active.");
        }

        return default;
    }

    public ValueTask HandleAsync(ValidateRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is { } principal && !IsPresenter(principal, context.ClientId))
        {
            context.Reject(OidcErrors.InvalidToken, "The token is not active.");
        }

        return default;
    }

    private static bool IsParty(System.Security.Claims.ClaimsPrincipal principal, string? clientId) =>
        IsPresenter(principal, clientId) || (!string.IsNullOrEmpty(clientId) && principal.HasAudience(clientId));

    private static bool IsPresenter(System.Security.Claims.ClaimsPrincipal principal, string? clientId) =>
        !string.IsNullOrEmpty(clientId) && principal.HasPresenter(clientId);
}
