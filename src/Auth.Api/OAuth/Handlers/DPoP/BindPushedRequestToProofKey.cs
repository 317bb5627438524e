using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// RFC 9449 §10.1: a pushed authorization request may carry a DPoP proof for the pushed request endpoint. It is
/// checked as at the token endpoint (form, signature, htm/htu, iat, nonce, single use), once OpenIddict has
/// authenticated the client and checked the request, and binds the authorization code to the proof's key as a
/// <c>dpop_jkt</c> parameter does (<see cref="AttachProofKey"/>): the thumbprint is pushed with the request. A
/// <c>dpop_jkt</c> sent beside the proof must name the same key. With OAuth:DPoP=false proofs are ignored here too.
/// </summary>
public sealed class BindPushedRequestToProofKey(DPoPProofCheck check, IOptions<OAuthOptions> options) : IOpenIddictServerHandler<ValidatePushedAuthorizationRequestContext>
{
    public async ValueTask HandleAsync(ValidatePushedAuthorizationRequestContext context)
    {
        if (!options.Value.DPoP)
        {
            return;
        }

        var http = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("The pushed authorization request is not an HTTP request.");
        if (await check.CheckOrRejectAsync(context, http) is not { } proof)
        {
            return;
        }

        if (context.Request.GetParameter(DPoPBinding.AuthorizationParameter)?.ToString() is { Length: > 0 } named &&
            !DPoPProofCheck.SameThumbprint(proof.Thumbprint, named))
        {
            context.Reject(DPoPRefusal.InvalidProof, "dpop_jkt names another key than the one that signed the DPoP proof.");
            return;
        }

        proof.AttachTo(http.HttpContext);
        context.Request.SetParameter(DPoPBinding.AuthorizationParameter, proof.Thumbprint);
    }
}
