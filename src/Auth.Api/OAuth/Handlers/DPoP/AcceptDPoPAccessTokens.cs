using Auth.Api.OAuth.DPoP;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// The service's own APIs (SCIM, MFA, admin) take an access token from <c>Authorization: DPoP</c> as well as Bearer
/// (RFC 9449 §7.1); OpenIddict reads only Bearer. Whether the scheme fits the token is
/// <see cref="RequireProofOfPossession"/>'s question, once the token is validated.
/// </summary>
public sealed class AcceptDPoPAccessTokens(IOptions<OAuthOptions> options) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (options.Value.DPoP && string.IsNullOrEmpty(context.AccessToken) && context.Transaction.GetHttpRequest() is { } request)
        {
            context.AccessToken = DPoPProofCheck.AccessToken(request);
        }

        return default;
    }
}
