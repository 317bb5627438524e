using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// A token response says what its access token is: <c>token_type: DPoP</c> when bound to a key (RFC 9449 §5). A
/// refusal for want of a nonce carries the nonce to use (<c>DPoP-Nonce</c>, §8); with OAuth:DPoPNonceRequired a bound
/// response carries the next one, so the client's next proof needs no extra round trip (§8.2).
/// </summary>
public sealed class ReportDPoPTokenType(DPoPNonces nonces, IOptions<OAuthOptions> options) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Transaction.GetHttpRequest()?.HttpContext is not { } http)
        {
            return default;
        }

        if (DPoPRefusal.Of(http) is { Nonce: { } nonce })
        {
            http.Response.Headers[DPoPProofCheck.NonceHeader] = nonce;
        }

        if (context.Response.AccessToken is not null && context.Transaction.Properties.ContainsKey(DPoPBinding.Property))
        {
            context.Response.TokenType = DPoPProofCheck.Scheme;
            if (options.Value.DPoPNonceRequired)
            {
                http.Response.Headers[DPoPProofCheck.NonceHeader] = nonces.Create();
            }
        }

        return default;
    }
}
