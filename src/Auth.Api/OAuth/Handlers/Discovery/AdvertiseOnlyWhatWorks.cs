using System.Text.Json;
using Auth.Application.Clients;
using Auth.Application.Sessions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Discovery;

/// <summary>
/// Trims the discovery document to what this server really does (RFC 8414 §2): introspection and revocation take
/// HTTP Basic client credentials only, and OpenID Connect metadata appears only once the OpenID Connect
/// endpoints exist (an authorization endpoint is configured). Then it says what OpenIddict cannot know: the acr
/// values issued and honoured, that the claims parameter and request objects are supported and userinfo answers can be signed (OpenID
/// Connect Discovery 1.0 §3), and, while
/// OAuth:BackChannelLogout is on, back-channel logout with <c>sid</c> (OpenID Connect Back-Channel Logout 1.0 §2.1), and
/// while OAuth:FrontChannelLogout is, front-channel logout with <c>iss</c> and <c>sid</c> (OpenID Connect Front-Channel
/// Logout 1.0 §3).
/// </summary>
public sealed class AdvertiseOnlyWhatWorks(
    IOptions<OAuthOptions> options,
    IOptions<ClientRegistration.ClientRegistrationOptions> registration,
    IOptions<BackChannelLogoutOptions> backChannelLogout) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    /// <summary>RFC 9449 §5.1: the algorithms of DPoP proofs accepted, while DPoP is on.</summary>
    public const string DPoPSigningAlgorithms = "dpop_signing_alg_values_supported";

    public const string BackChannelLogoutSupported = "backchannel_logout_supported";

    public const string BackChannelLogoutSessionSupported = "backchannel_logout_session_supported";

    public const string FrontChannelLogoutSupported = "frontchannel_logout_supported";

    public const string FrontChannelLogoutSessionSupported = "frontchannel_logout_session_supported";

    /// <summary>OpenID Connect Discovery 1.0 §3: what a client may ask userinfo answers to be signed with.</summary>
    public const string UserInfoSigningAlgorithms = "userinfo_signing_alg_values_supported";

    /// <summary>OpenID Connect Discovery 1.0 §3: what a request object may be signed with (<see cref="RequestObject"/>).</summary>
    public const string RequestObjectSigningAlgorithms = "request_object_signing_alg_values_supported";

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (registration.Value.Mode != ClientRegistration.ClientRegistrationMode.Off)
        {
            // RFC 8414 §2 registration_endpoint: RFC 7591's, anchored to the issuer like every other address.
            context.Metadata["registration_endpoint"] = Routes.UnderIssuer(options.Value.Issuer, Routes.Registration).AbsoluteUri;
        }

        if (options.Value.DPoP)
        {
            context.Metadata[DPoPSigningAlgorithms] = new OpenIddictParameter(JsonSerializer.SerializeToElement(Auth.Api.OAuth.DPoP.DPoPProofReader.Algorithms));
        }

        // The token endpoint's methods are OpenIddict's (with private_key_jwt when OAuth:PrivateKeyJwt is on), and
        // none: a public client (a browser or native app, PKCE) redeems its code with its client_id alone (RFC 7591
        // §2 names the value); introspection and revocation take HTTP Basic alone (OAuthRequestGuards).
        var privateKeyJwt = context.TokenEndpointAuthenticationMethods.Contains(ClientAuthenticationMethods.PrivateKeyJwt);
        context.TokenEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.None);
        context.IntrospectionEndpointAuthenticationMethods.Clear();
        context.IntrospectionEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretBasic);
        context.RevocationEndpointAuthenticationMethods.Clear();
        context.RevocationEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretBasic);
        if (privateKeyJwt)
        {
            context.Metadata[Metadata.TokenEndpointAuthSigningAlgValuesSupported] =
                new OpenIddictParameter(JsonSerializer.SerializeToElement(ClientAuthentication.AcceptGenericTypedClientAssertions.Algorithms));
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
            context.Metadata.Remove(Metadata.RequireRequestUriRegistration);
            context.Metadata.Remove(Metadata.RequirePushedAuthorizationRequests);
            return default;
        }

        context.Metadata[Metadata.AcrValuesSupported] = new OpenIddictParameter(JsonSerializer.SerializeToElement(AuthenticationLevels.Supported));
        context.Metadata[Metadata.ClaimsParameterSupported] = true;

        // Request objects by value, and by reference from a URI the client registered (DereferenceRequestUris, then ExpandRequestObjects), besides a
        // pushed request's request_uri.
        context.Metadata[Metadata.RequestParameterSupported] = true;
        context.Metadata[Metadata.RequestUriParameterSupported] = true;
        context.Metadata[Metadata.RequireRequestUriRegistration] = true;
        context.Metadata[RequestObjectSigningAlgorithms] = new OpenIddictParameter(JsonSerializer.SerializeToElement(RequestObjectSigning.Algorithms));
        context.Metadata[UserInfoSigningAlgorithms] = new OpenIddictParameter(JsonSerializer.SerializeToElement(new[] { UserInfoSigning.Algorithm }));
        if (backChannelLogout.Value.BackChannelLogout)
        {
            context.Metadata[BackChannelLogoutSupported] = true;
            context.Metadata[BackChannelLogoutSessionSupported] = true;
        }

        if (options.Value.FrontChannelLogout)
        {
            // The sign-out page loads each front-channel logout URI of the session's clients (FrontChannelLogoutPage).
            context.Metadata[FrontChannelLogoutSupported] = true;
            context.Metadata[FrontChannelLogoutSessionSupported] = true;
        }

        return default;
    }
}
