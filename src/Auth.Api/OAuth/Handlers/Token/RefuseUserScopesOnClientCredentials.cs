using Auth.Application.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// A client acting for itself (client_credentials, RFC 6749 §4.4) gets no user scope: openid would return an ID token
/// about the client as if it were a user (OpenID Connect Core §2 defines ID tokens for end-user authentication), and
/// profile, email, offline_access, groups and mfa have no user to describe or act for. invalid_scope (RFC 6749 §5.2).
/// </summary>
public sealed class RefuseUserScopesOnClientCredentials : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.IsClientCredentialsGrantType() && context.Request.GetScopes().Any(StandardScopes.UserOnly.Contains))
        {
            context.Reject(OidcErrors.InvalidScope, "User scopes (openid, profile, email, offline_access, groups, mfa) cannot be requested with client_credentials.");
        }

        return default;
    }
}
