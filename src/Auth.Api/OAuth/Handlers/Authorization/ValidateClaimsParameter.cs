using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>A claims parameter that is not a JSON claims request (OpenID Connect Core §5.5) makes the request invalid.</summary>
public sealed class ValidateClaimsParameter : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (!ClaimsRequest.TryRead(context.Request, out _))
        {
            context.Reject(OidcErrors.InvalidRequest, "The claims parameter must be a JSON object as OpenID Connect Core 5.5 describes.");
        }

        return default;
    }
}
