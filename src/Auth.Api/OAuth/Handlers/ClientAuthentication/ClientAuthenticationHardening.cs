using Auth.Api.Errors;
using Auth.Api.OAuth.Handlers.IntrospectionAndRevocation;
using Auth.Api.OAuth.Handlers.Token;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;
using AspNetCoreHandlers = OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// Rules this service adds to OpenIddict's client authentication and token-ownership checks
/// (docs/security.md lists them with the tests that try to break them).
/// </summary>
public static class ClientAuthenticationHardening
{
    public const string BasicChallenge = "Basic realm=\"auth\", charset=\"UTF-8\"";

    /// <summary>One description for every client-authentication failure, so a caller cannot tell which part was wrong.</summary>
    public const string InvalidClientDescription = "Client authentication failed.";

    public static void Register(OpenIddictServerBuilder options)
    {
        // Unknown client, wrong secret and missing secret must cost the same time (see EqualizeClientAuthenticationCost).
        options.AddEventHandler<ProcessAuthenticationContext>(handler => handler
            .UseScopedHandler<EqualizeClientAuthenticationCost>()
            .SetOrder(ValidateClientId.Descriptor.Order - 1));

        // OpenIddict answers a client_credentials request without a secret with invalid_request before it looks the
        // client up; let it fail client authentication like any other instead.
        options.RemoveEventHandler(Exchange.ValidateClientCredentialsParameters.Descriptor);
        options.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseSingletonHandler<DeferMissingClientSecretToAuthentication>()
            .SetOrder(Exchange.ValidateClientCredentialsParameters.Descriptor.Order));

        // A scope the client may not use is invalid_scope (RFC 6749 §5.2), not OpenIddict's invalid_request.
        options.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseScopedHandler<RejectScopesOutsideClientPermissions>()
            .SetOrder(Exchange.ValidateScopePermissions.Descriptor.Order - 1));

        // client_credentials tokens describe a client, never a user: no openid, profile, email, offline_access or mfa.
        // After client authentication, before OpenIddict's grant-type check answers offline_access with invalid_request.
        options.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseSingletonHandler<RefuseUserScopesOnClientCredentials>()
            .SetOrder(Exchange.ValidateGrantTypePermissions.Descriptor.Order - 1));

        // Client B must learn nothing about, and revoke nothing of, client A's tokens, including tokens without audience;
        // a resource server may introspect the tokens addressed to it, but only the client a token was issued to revokes it.
        options.AddEventHandler<ValidateIntrospectionRequestContext>(handler => handler
            .UseSingletonHandler<RestrictTokenToItsParties>()
            .SetOrder(Introspection.ValidateAuthorizedParty.Descriptor.Order + 1));
        options.AddEventHandler<ValidateRevocationRequestContext>(handler => handler
            .UseSingletonHandler<RestrictTokenToItsParties>()
            .SetOrder(Revocation.ValidateAuthorizedParty.Descriptor.Order + 1));

        options.AddEventHandler<ApplyTokenResponseContext>(handler => handler
            .UseSingletonHandler<NormalizeErrorDescription<ApplyTokenResponseContext>>()
            .SetOrder(AspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>.Descriptor.Order - 1));
        options.AddEventHandler<ApplyIntrospectionResponseContext>(handler => handler
            .UseSingletonHandler<NormalizeErrorDescription<ApplyIntrospectionResponseContext>>()
            .SetOrder(AspNetCoreHandlers.AttachHttpResponseCode<ApplyIntrospectionResponseContext>.Descriptor.Order - 1));
        options.AddEventHandler<ApplyRevocationResponseContext>(handler => handler
            .UseSingletonHandler<NormalizeErrorDescription<ApplyRevocationResponseContext>>()
            .SetOrder(AspNetCoreHandlers.AttachHttpResponseCode<ApplyRevocationResponseContext>.Descriptor.Order - 1));
    }

    /// <summary>Makes every error description one line of printable ASCII, and every invalid_client the same.</summary>
    public sealed class NormalizeErrorDescription<TContext> : IOpenIddictServerHandler<TContext>
        where TContext : BaseRequestContext
    {
        public ValueTask HandleAsync(TContext context)
        {
            var response = context.Transaction.Response;
            if (response is null || string.IsNullOrEmpty(response.Error))
            {
                return default;
            }

            if (response.Error == OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidClient)
            {
                response.ErrorDescription = InvalidClientDescription;
            }
            else if (response.ErrorDescription is { } description)
            {
                response.ErrorDescription = ErrorBody.Sanitize(description);
            }

            // OpenIddict links its own documentation; the spec's error body has no error_uri.
            response.ErrorUri = null;
            return default;
        }
    }
}
