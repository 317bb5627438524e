using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>The userinfo endpoint's <see cref="RequireProofOfPossession"/>: the same rule, once the access token is valid.</summary>
public sealed class RequireUserInfoProofOfPossession(DPoPProofCheck check) : IOpenIddictServerHandler<ValidateUserInfoRequestContext>
{
    public async ValueTask HandleAsync(ValidateUserInfoRequestContext context)
    {
        if (context.AccessTokenPrincipal is not { } token || context.Request.AccessToken is not { } accessToken ||
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
