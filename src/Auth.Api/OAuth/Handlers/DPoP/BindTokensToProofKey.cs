using System.Security.Claims;
using Auth.Api.OAuth.DPoP;
using Auth.Api.OAuth.Handlers.TokenValidation;
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
/// A request without one is refused when the client is registered with requireDPoP (dpop_bound_access_tokens, §5.2)
/// and when what it presents is bound to a key: a refresh token (§5), a code bound with dpop_jkt or a pushed proof
/// (§10), and in a token exchange the client's own access token as subject or actor token (its key is the client's; a
/// service the subject token was addressed to never held that key, and exchanges it as its audience). A proof by
/// another key than the one bound is refused too.
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
        var bound = BoundKeys(context).ToList();
        if (!options.Value.DPoP)
        {
            // What was bound stays bound: a grant bound to a key is not redeemed while proofs cannot be checked.
            if (required)
            {
                context.Reject(OpenIddictConstants.Errors.InvalidRequest, "This client must bind its tokens with DPoP, which this server has turned off.");
            }
            else if (bound.Count > 0)
            {
                context.Reject(OpenIddictConstants.Errors.InvalidGrant, "The grant is bound to a DPoP key, and this server has turned DPoP off.");
            }

            return;
        }

        var proof = await check.CheckOrRejectAsync(context, http);
        if (context.IsRejected)
        {
            return;
        }

        if (proof is null)
        {
            var reason = required ? "This client must send a DPoP proof with every token request." : bound.FirstOrDefault().Reason;
            if (reason is not null)
            {
                context.Reject(DPoPRefusal.InvalidProof, reason);
            }

            return;
        }

        if (bound.Any(key => !DPoPProofCheck.SameThumbprint(proof.Thumbprint, key.Thumbprint)))
        {
            context.Reject(DPoPRefusal.InvalidProof, "The DPoP proof is not signed by the key the grant is bound to.");
            return;
        }

        proof.AttachTo(http.HttpContext);
        var isPublic = application is not null && await applications.HasClientTypeAsync(application, ClientTypes.Public, context.CancellationToken);
        var boundRefreshToken = context.RefreshTokenPrincipal?.GetClaim(DPoPBinding.BoundKeyClaim) is not null;
        context.Transaction.Properties[DPoPBinding.Property] = new DPoPBinding(proof.Thumbprint, BindsRefreshToken: isPublic || boundRefreshToken);
    }

    /// <summary>The keys what the request presents is bound to, each with what a request without a proof is told.</summary>
    private static IEnumerable<(string Thumbprint, string Reason)> BoundKeys(ValidateTokenRequestContext context)
    {
        if (context.RefreshTokenPrincipal?.GetClaim(DPoPBinding.BoundKeyClaim) is { } refreshToken)
        {
            yield return (refreshToken, "The refresh token is bound to a DPoP key: send a DPoP proof signed by it.");
        }

        if (context.AuthorizationCodePrincipal?.GetClaim(DPoPBinding.BoundKeyClaim) is { } code)
        {
            yield return (code, "The authorization code is bound to a DPoP key (dpop_jkt): send a DPoP proof signed by it.");
        }

        if (OwnBoundToken(context.SubjectTokenPrincipal, context.ClientId) is { } subject)
        {
            yield return (subject, "The subject token was issued to this client bound to a DPoP key: send a DPoP proof signed by it.");
        }

        if (OwnBoundToken(context.ActorTokenPrincipal, context.ClientId) is { } actor)
        {
            yield return (actor, "The actor token is bound to a DPoP key: send a DPoP proof signed by it.");
        }
    }

    private static string? OwnBoundToken(ClaimsPrincipal? token, string? clientId) =>
        token is not null && clientId is not null && RefuseRevokedAccessTokens.ClientIdOf(token) == clientId ? DPoPProofCheck.BoundThumbprint(token) : null;
}
