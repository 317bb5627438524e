using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// Stands in for OpenIddict's <see cref="Exchange.ValidateClientCredentialsParameters"/>. That handler refuses a
/// client_credentials request without a secret with invalid_request before the client is looked up: a faster and
/// differently shaped answer than a wrong secret gets, which tells an attacker which client ids exist.
/// Here such a request goes on to client authentication, where it costs what a wrong secret costs
/// (<see cref="EqualizeClientAuthenticationCost"/>) and fails with the same 401 invalid_client (RFC 6749 §5.2).
/// Every other check of the built-in handler still runs.
/// </summary>
public sealed class DeferMissingClientSecretToAuthentication : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    private readonly Exchange.ValidateClientCredentialsParameters _builtIn = new();

    public ValueTask HandleAsync(ValidateTokenRequestContext context) =>
        context.Request.IsClientCredentialsGrantType() &&
        string.IsNullOrEmpty(context.Request.ClientSecret) &&
        string.IsNullOrEmpty(context.Request.ClientAssertion)
            ? default
            : _builtIn.HandleAsync(context);
}
