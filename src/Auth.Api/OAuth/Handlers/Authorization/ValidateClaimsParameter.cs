using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>A claims parameter that is not a JSON claims request (OpenID Connect Core §5.5) makes the request invalid.</summary>
public sealed class ValidateClaimsParameter
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidatePushedAuthorizationRequestContext>
{
    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    /// <summary>RFC 9126 §2.1: a pushed request is checked as an authorization request is, before it is stored.</summary>
    public ValueTask HandleAsync(ValidatePushedAuthorizationRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    private static void Check(OpenIddictRequest request, BaseValidatingContext context)
    {
        if (!ClaimsRequest.TryRead(request, out _))
        {
            context.Reject(OidcErrors.InvalidRequest, "The claims parameter must be a JSON object as OpenID Connect Core 5.5 describes.");
        }
    }
}
