using Auth.Api.Authorization;
using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// A userinfo refusal of a DPoP request (or of a proof) is a 401 with a <c>WWW-Authenticate: DPoP</c> challenge naming
/// the error and the algorithms accepted, and the nonce to use when one is wanted (RFC 9449 §7.1, §9); OpenIddict
/// writes a Bearer challenge and answers unknown errors with 400.
/// </summary>
public sealed class ChallengeWithDPoP : IOpenIddictServerHandler<ApplyUserInfoResponseContext>
{
    public ValueTask HandleAsync(ApplyUserInfoResponseContext context)
    {
        if (context.Transaction.GetHttpRequest() is not { } request || string.IsNullOrEmpty(context.Response.Error))
        {
            return default;
        }

        var refusal = DPoPRefusal.Of(request.HttpContext);
        if (refusal is null && !DPoPProofCheck.UsesScheme(request))
        {
            return default;
        }

        var response = request.HttpContext.Response;
        if (refusal is null && response.StatusCode != StatusCodes.Status401Unauthorized)
        {
            return default;
        }

        var error = refusal?.Error ?? context.Response.Error;
        var scheme = refusal?.ChallengeScheme(request) ?? DPoPProofCheck.Scheme;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = new BearerChallenge(error, Description: refusal?.Description ?? context.Response.ErrorDescription) { Scheme = scheme }
            .Format(realm: null);
        if (refusal?.Nonce is { } nonce)
        {
            response.Headers[DPoPProofCheck.NonceHeader] = nonce;
        }

        return default;
    }
}
