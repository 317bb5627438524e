using Auth.Api.OAuth.DPoP;
using Auth.Application.Clients;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// The token endpoint's side of DPoP (RFC 9449 §5): a request with a DPoP header gets its proof checked (form,
/// signature, htm/htu, iat, nonce, single use); a good proof binds the tokens issued (<see cref="AttachProofKey"/>).
/// A request without one is refused when the client is registered with requireDPoP (dpop_bound_access_tokens, §5.2),
/// when the refresh token presented is bound to a key (§5), and when the authorization code was bound with dpop_jkt
/// (§10); a proof by another key than the one bound is refused too.
/// </summary>
public sealed class BindTokensToProofKey(DPoPProofCheck check, IOpenIddictApplicationManager applications, IOptions<OAuthOptions> options)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var http = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("The token request is not an HTTP request.");
        var application = context.ClientId is { } clientId ? await applications.FindByClientIdAsync(clientId, context.CancellationToken) : null;
        var required = application is not null &&
            (await applications.GetSettingsAsync(application, context.CancellationToken)).TryGetValue(ClientSettings.RequireDPoP, out var value) && value == "true";
        if (!options.Value.DPoP)
        {
            // What was bound stays bound: a grant bound to a key is not redeemed while proofs cannot be checked.
            if (required)
            {
                context.Reject(OpenIddictConstants.Errors.InvalidRequest, "This client must bind its tokens with DPoP, which this server has turned off.");
            }
            else if (context.RefreshTokenPrincipal?.GetClaim(DPoPBinding.BoundKeyClaim) is not null ||
                context.AuthorizationCodePrincipal?.GetClaim(DPoPBinding.BoundKeyClaim) is not null)
            {
                context.Reject(OpenIddictConstants.Errors.InvalidGrant, "The grant is bound to a DPoP key, and this server has turned DPoP off.");
            }

            return;
        }

        var (proof, refusal) = await check.CheckAsync(http, accessToken: null, context.CancellationToken);
        if (refusal is not null)
        {
            refusal.AttachTo(http.HttpContext);
            context.Reject(refusal.Error, refusal.Description);
            return;
        }

        var boundRefreshToken = context.RefreshTokenPrincipal?.GetClaim(DPoPBinding.BoundKeyClaim);
        var boundCode = context.AuthorizationCodePrincipal?.GetClaim(DPoPBinding.BoundKeyClaim);
        if (proof is null)
        {
            var reason = required ? "This client must send a DPoP proof with every token request."
                : boundRefreshToken is not null ? "The refresh token is bound to a DPoP key: send a DPoP proof signed by it."
                : boundCode is not null ? "The authorization code is bound to a DPoP key (dpop_jkt): send a DPoP proof signed by it."
                : null;
            if (reason is not null)
            {
                context.Reject(DPoPRefusal.InvalidProof, reason);
            }

            return;
        }

        if (boundRefreshToken is not null && !DPoPProofCheck.SameThumbprint(proof.Thumbprint, boundRefreshToken) ||
            boundCode is not null && !DPoPProofCheck.SameThumbprint(proof.Thumbprint, boundCode))
        {
            context.Reject(DPoPRefusal.InvalidProof, "The DPoP proof is not signed by the key the grant is bound to.");
            return;
        }

        var isPublic = application is not null && await applications.HasClientTypeAsync(application, ClientTypes.Public, context.CancellationToken);
        context.Transaction.Properties[DPoPBinding.Property] = new DPoPBinding(proof.Thumbprint, BindsRefreshToken: isPublic || boundRefreshToken is not null);
    }
}
