using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// Stands in for OpenIddict's <see cref="OpenIddictServerHandlers.Exchange.ValidateClientIdParameter"/>, which answers
/// an authorization_code or client_credentials request that names no client (no client_id, no assertion, or HTTP
/// Basic credentials with an empty id) with 400 invalid_request. RFC 6749 §5.2 lists "no client authentication
/// included" under invalid_client: the request fails client authentication like any other, with the same 401,
/// description and Basic challenge.
/// </summary>
public sealed class RefuseUnidentifiedClients : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if ((context.Request.IsAuthorizationCodeGrantType() || context.Request.IsClientCredentialsGrantType()) &&
            string.IsNullOrEmpty(context.Request.ClientId) &&
            string.IsNullOrEmpty(context.Request.ClientAssertion))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "Client authentication failed.");
        }

        return default;
    }
}
