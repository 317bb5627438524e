using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// RFC 6749 §6 and §5.2: a refresh asking for a scope the grant did not include is invalid_scope ("exceeds the scope
/// granted by the resource owner"). OpenIddict refuses it too, but as invalid_grant; this answers first, correctly.
/// </summary>
public sealed class RefuseWiderScopeOnRefresh : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.IsRefreshTokenGrantType() && !string.IsNullOrEmpty(context.Request.Scope) &&
            context.RefreshTokenPrincipal is { } grant &&
            !grant.GetScopes().ToHashSet(StringComparer.Ordinal).IsSupersetOf(context.Request.GetScopes()))
        {
            context.Reject(OidcErrors.InvalidScope, "The scope asked for is wider than the scope granted.");
        }

        return default;
    }
}
