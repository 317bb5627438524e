using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// At the service's own APIs, once the access token is valid: a token bound to a DPoP key is accepted only with the
/// DPoP scheme and a fresh proof by that key for this request and this token; a token sent as DPoP must be bound
/// (<see cref="DPoPProofCheck.CheckResourceRequestAsync"/>). A refusal is kept for the API's 401, which names it.
/// </summary>
public sealed class RequireProofOfPossession(DPoPProofCheck check) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is not { } token || context.AccessToken is not { } accessToken ||
            context.Transaction.GetHttpRequest() is not { } request)
        {
            return;
        }

        if (await check.CheckResourceRequestAsync(request, token, accessToken, context.CancellationToken) is { } refusal)
        {
            refusal.AttachTo(request.HttpContext);
            context.Reject(refusal.Error, refusal.Description);
        }
    }
}
