using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// RFC 9068 §2.2 requires an <c>aud</c> in every JWT access token. OpenIddict takes the audiences from the resources
/// of the scopes granted, so a token for OpenID Connect scopes alone (openid, profile, email), whose one resource is
/// this server's userinfo endpoint, had none; it is addressed to the issuer. Tokens for an API keep that API's
/// audience alone, so none of them becomes acceptable anywhere it was not (the admin API still wants its own,
/// exclusive audience).
/// </summary>
public sealed class AddressAccessTokensToTheIssuerByDefault(IOptions<OAuthOptions> options) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.AccessTokenPrincipal is { } access && access.GetAudiences().IsDefaultOrEmpty)
        {
            access.SetAudiences(options.Value.Issuer.AbsoluteUri);
        }

        return default;
    }
}
