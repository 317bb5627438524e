using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Discovery;

/// <summary>
/// OpenIddict builds the endpoint addresses of the discovery document from the request's Host header, so a request
/// with <c>Host: evil.test</c> would be told to send its credentials to evil.test. Every address here is built from
/// the configured issuer instead (RFC 8414 §2, §3.3: the metadata must be about this issuer).
/// </summary>
public sealed class AnchorEndpointsToIssuer : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        var issuer = context.Options.Issuer ?? throw new InvalidOperationException("The issuer must be configured.");
        var options = context.Options;
        context.AuthorizationEndpoint = Anchor(issuer, options.AuthorizationEndpointUris, context.AuthorizationEndpoint);
        context.TokenEndpoint = Anchor(issuer, options.TokenEndpointUris, context.TokenEndpoint);
        context.IntrospectionEndpoint = Anchor(issuer, options.IntrospectionEndpointUris, context.IntrospectionEndpoint);
        context.RevocationEndpoint = Anchor(issuer, options.RevocationEndpointUris, context.RevocationEndpoint);
        context.JsonWebKeySetEndpoint = Anchor(issuer, options.JsonWebKeySetEndpointUris, context.JsonWebKeySetEndpoint);
        context.UserInfoEndpoint = Anchor(issuer, options.UserInfoEndpointUris, context.UserInfoEndpoint);
        context.EndSessionEndpoint = Anchor(issuer, options.EndSessionEndpointUris, context.EndSessionEndpoint);
        context.DeviceAuthorizationEndpoint = Anchor(issuer, options.DeviceAuthorizationEndpointUris, context.DeviceAuthorizationEndpoint);
        context.PushedAuthorizationEndpoint = Anchor(issuer, options.PushedAuthorizationEndpointUris, context.PushedAuthorizationEndpoint);
        return default;
    }

    private static Uri? Anchor(Uri issuer, List<Uri> configured, Uri? advertised)
    {
        if (advertised is null || configured.Count == 0)
        {
            return advertised;
        }

        var first = configured[0];
        return first.IsAbsoluteUri ? first : Routes.UnderIssuer(issuer, first.OriginalString);
    }
}
