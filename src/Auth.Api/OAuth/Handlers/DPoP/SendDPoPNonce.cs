using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// The server nonce a client puts in its next DPoP proof (RFC 9449 §8), in a <c>DPoP-Nonce</c> header of the token
/// and pushed authorization endpoints' answers: the one a <c>use_dpop_nonce</c> refusal asks for, and with
/// OAuth:DPoPNonceRequired the next one after a request whose proof was accepted (§8.2), so the client's next proof
/// needs no extra round trip. Resources send theirs with their challenge.
/// </summary>
public sealed class SendDPoPNonce<TContext>(DPoPNonces nonces, IOptions<OAuthOptions> options) : IOpenIddictServerHandler<TContext>
    where TContext : BaseRequestContext
{
    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.GetHttpRequest()?.HttpContext is not { } http)
        {
            return default;
        }

        if (DPoPRefusal.Of(http) is { Nonce: { } nonce })
        {
            http.Response.Headers[DPoPProofCheck.NonceHeader] = nonce;
        }
        else if (options.Value.DPoPNonceRequired && DPoPProof.Of(http) is not null && context.Transaction.Response?.Error is null)
        {
            http.Response.Headers[DPoPProofCheck.NonceHeader] = nonces.Create();
        }

        return default;
    }
}
