using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>The userinfo endpoint takes an access token from <c>Authorization: DPoP</c> too (RFC 9449 §7.1).</summary>
public sealed class AcceptDPoPUserInfoTokens(IOptions<OAuthOptions> options) : IOpenIddictServerHandler<ExtractUserInfoRequestContext>
{
    public ValueTask HandleAsync(ExtractUserInfoRequestContext context)
    {
        if (options.Value.DPoP && context.Request is { AccessToken: null } request && context.Transaction.GetHttpRequest() is { } http)
        {
            request.AccessToken = DPoPProofCheck.AccessToken(http);
        }

        return default;
    }
}
