using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Discovery;

/// <summary>
/// Trims the discovery document to what this server really does (RFC 8414 §2): introspection and revocation take
/// HTTP Basic client credentials or a private_key_jwt assertion, never a secret in the form, and OpenID Connect metadata appears only once the OpenID Connect
/// endpoints exist (an authorization endpoint is configured). Then it says what OpenIddict cannot know: the acr
/// values issued and honoured, and that the claims parameter is supported (OpenID Connect Discovery 1.0 §3).
/// </summary>
public sealed class AdvertiseOnlyWhatWorks : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        // The token endpoint's methods are OpenIddict's (with private_key_jwt when OAuth:PrivateKeyJwt is on); the
        // introspection and revocation endpoints take the same assertions but no client_secret_post.
        var privateKeyJwt = context.TokenEndpointAuthenticationMethods.Contains(ClientAuthenticationMethods.PrivateKeyJwt);
        context.IntrospectionEndpointAuthenticationMethods.Clear();
        context.IntrospectionEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretBasic);
        context.RevocationEndpointAuthenticationMethods.Clear();
        context.RevocationEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretBasic);
        if (privateKeyJwt)
        {
            context.IntrospectionEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.PrivateKeyJwt);
            context.RevocationEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.PrivateKeyJwt);
            var algorithms = new OpenIddictParameter(JsonSerializer.SerializeToElement(ClientAuthentication.AcceptGenericTypedClientAssertions.Algorithms));
            context.Metadata[Metadata.TokenEndpointAuthSigningAlgValuesSupported] = algorithms;
            context.Metadata[Metadata.IntrospectionEndpointAuthSigningAlgValuesSupported] = algorithms;
            context.Metadata[Metadata.RevocationEndpointAuthSigningAlgValuesSupported] = algorithms;
        }

        if (context.AuthorizationEndpoint is null)
        {
            context.Scopes.Clear();
            context.Claims.Clear();
            context.SubjectTypes.Clear();
            context.PromptValues.Clear();
            context.IdTokenSigningAlgorithms.Clear();
            context.Metadata.Remove(Metadata.AuthorizationResponseIssParameterSupported);
            context.Metadata.Remove(Metadata.ClaimsParameterSupported);
            context.Metadata.Remove(Metadata.RequestParameterSupported);
            context.Metadata.Remove(Metadata.RequestUriParameterSupported);
            context.Metadata.Remove(Metadata.RequirePushedAuthorizationRequests);
            return default;
        }

        context.Metadata[Metadata.AcrValuesSupported] = new OpenIddictParameter(JsonSerializer.SerializeToElement(AuthenticationLevels.Supported));
        context.Metadata[Metadata.ClaimsParameterSupported] = true;
        return default;
    }
}
