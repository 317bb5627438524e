using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// Runs before OpenIddict checks the client: when the client id is unknown, or a confidential client sent no secret,
/// OpenIddict would answer without verifying a secret, measurably faster than for a wrong secret.
/// This spends the same time first; OpenIddict then rejects as usual.
/// </summary>
public sealed class EqualizeClientAuthenticationCost(IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation) ||
            string.IsNullOrEmpty(context.ClientId))
        {
            return;
        }

        var application = await applications.FindByClientIdAsync(context.ClientId, context.CancellationToken);
        if (application is null ||
            (string.IsNullOrEmpty(context.ClientSecret) &&
             !await applications.HasClientTypeAsync(application, ClientTypes.Public, context.CancellationToken)))
        {
            ClientSecretTiming.SpendVerificationCost(context.ClientSecret);
        }
    }
}
