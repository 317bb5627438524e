using Auth.Application.Clients;
using Auth.Application.Mfa;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// The mfa scope comes only with the OpenID Connect scopes, never with another API's scope, so a token that can
/// change the user's second factor is addressed to the MFA API alone: no resource server receives a token it could
/// replay there (RFC 9068 §4: a resource server accepts only tokens whose aud names it). invalid_scope otherwise,
/// sent back to the client's verified redirect URI.
/// </summary>
public sealed class KeepTheMfaScopeApart
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidatePushedAuthorizationRequestContext>
{
    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    /// <summary>RFC 9126 §2.1: a pushed request is checked as an authorization request is, before it is stored.</summary>
    public ValueTask HandleAsync(ValidatePushedAuthorizationRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    private static void Check(OpenIddictRequest request, BaseValidatingContext context)
    {
        var scopes = request.GetScopes();
        if (scopes.Contains(MfaScope.Name) && !scopes.All(StandardScopes.All.Contains))
        {
            context.Reject(OidcErrors.InvalidScope,
                $"The {MfaScope.Name} scope cannot be combined with another API's scope; request it in its own authorization request.");
        }
    }
}
