using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth;

/// <summary>A client_credentials request without a secret is a failed client authentication: 401 invalid_client.</summary>
public sealed class RejectClientCredentialsWithoutSecret : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.IsClientCredentialsGrantType() &&
            string.IsNullOrEmpty(context.ClientSecret) &&
            string.IsNullOrEmpty(context.Request.ClientAssertion))
        {
            ClientSecretTiming.SpendVerificationCost(null);
            context.Reject(OidcErrors.InvalidClient, ClientAuthenticationHardening.InvalidClientDescription);
        }

        return default;
    }
}
