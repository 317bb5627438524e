using Auth.Api.Federation;
using Auth.Api.OAuth.Middleware;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth;

public static class OAuthServerRegistration
{
    /// <summary>
    /// The OpenIddict server: which endpoints exist, which flows are on, and the handlers this service adds on top of
    /// OpenIddict's (<see cref="OAuthServerHandlers"/>).
    /// </summary>
    public static IServiceCollection AddOAuthServer(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions();
        services.AddOptions<ClientRegistration.ClientRegistrationOptions>()
            .Bind(configuration.GetSection(ClientRegistration.ClientRegistrationOptions.Section))
            .Validate(o => !o.Policy.Scopes.Any(Auth.Application.Clients.Registration.RegisteredClientRules.IsReserved),
                "ClientRegistration:Scopes may not name the admin API's scopes, mfa or scim: a client that registers itself never gets them.")
            .Validate(o => o.InitialAccessTokenLifetime >= TimeSpan.FromMinutes(1) && o.InitialAccessTokenLifetime <= TimeSpan.FromDays(30),
                "ClientRegistration:InitialAccessTokenLifetime is from 00:01:00 to 30.00:00:00.")
            .Validate(o => o.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ClientRegistration:AllowedNetworks holds CIDR networks such as 10.20.0.0/16.")
            .ValidateOnStart();
        services.AddOptions<OAuthOptions>()
            .Bind(configuration.GetSection(OAuthOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Issuer.IsAbsoluteUri && string.IsNullOrEmpty(o.Issuer.Query) && string.IsNullOrEmpty(o.Issuer.Fragment),
                "OAuth:Issuer must be an absolute URI without query or fragment (RFC 8414 §2).")
            .Validate(o => o.Issuer.Scheme == Uri.UriSchemeHttps || o.Issuer.IsLoopback || environment.IsDevelopment(),
                "OAuth:Issuer is plain http:// outside Development: use an https issuer; when a proxy terminates TLS, the issuer is the proxy's https address, with OAuth:BehindTlsProxy=true and the proxy in ForwardedHeaders:TrustedProxies (always use HTTPS in production).")
            .Validate(o => !o.BehindTlsProxy || o.Issuer.Scheme == Uri.UriSchemeHttps,
                "OAuth:BehindTlsProxy=true needs an https issuer: the issuer is the address clients reach at the proxy, not the plain-HTTP address behind it.")
            .Validate<IOptions<Hardening.TrustedProxyOptions>>((o, proxies) => !o.BehindTlsProxy || proxies.Value.TrustsAnyProxy,
                "OAuth:BehindTlsProxy=true needs ForwardedHeaders:TrustedProxies or ForwardedHeaders:TrustedNetworks: X-Forwarded-Proto is read only from a trusted proxy, so without one every request is plain HTTP and refused.")
            .Validate<IOptions<Auth.Application.Ports.SigningKeyPolicy>>(
                (o, keys) => o.RefreshTokenAbsoluteLifetime <= keys.Value.MaximumTokenLifetime && o.AccessTokenLifetime <= keys.Value.MaximumTokenLifetime,
                "SigningKeys:MaximumTokenLifetime must cover OAuth:RefreshTokenAbsoluteLifetime and OAuth:AccessTokenLifetime: a retired signing key must stay until every token it signed has expired.")
            .ValidateOnStart();

        services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetIssuer(settings.Issuer);
                options.SetAuthorizationEndpointUris(Routes.RelativeToIssuer(Routes.Authorize))
                    .SetTokenEndpointUris(Routes.RelativeToIssuer(Routes.Token))
                    .SetUserInfoEndpointUris(Routes.RelativeToIssuer(Routes.UserInfo))
                    .SetEndSessionEndpointUris(Routes.RelativeToIssuer(Routes.Logout))
                    .SetIntrospectionEndpointUris(Routes.RelativeToIssuer(Routes.Introspect))
                    .SetRevocationEndpointUris(Routes.RelativeToIssuer(Routes.Revoke))
                    .SetJsonWebKeySetEndpointUris(Routes.RelativeToIssuer(Routes.Jwks))
                    .SetConfigurationEndpointUris(Routes.RelativeToIssuer(Routes.Discovery), Routes.RelativeToIssuer(Routes.DiscoveryWithUnderscore));

                if (settings.PushedAuthorizationRequests)
                {
                    // RFC 9126: a client pushes its authorization request and sends the user with the request_uri alone.
                    options.SetPushedAuthorizationEndpointUris(Routes.RelativeToIssuer(Routes.PushedAuthorization))
                        .Configure(server => server.RequestTokenLifetime = settings.PushedAuthorizationRequestLifetime);
                }

                if (settings.DeviceAuthorization)
                {
                    // RFC 8628: the device polls the token endpoint while the user approves at /device.
                    options.SetDeviceAuthorizationEndpointUris(Routes.RelativeToIssuer(Routes.DeviceAuthorization))
                        .SetEndUserVerificationEndpointUris(Routes.RelativeToIssuer(Routes.Device))
                        .AllowDeviceAuthorizationFlow()
                        .SetDeviceCodeLifetime(settings.DeviceCodeLifetime)
                        .SetUserCodeLifetime(settings.DeviceCodeLifetime);
                }

                options.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow();
                if (settings.TokenExchange)
                {
                    // RFC 8693: a user's access token of this issuer, exchanged for an access token, with an access token
                    // of this issuer as the actor. OpenIddict also takes ID and refresh tokens; those are refused here.
                    options.AllowTokenExchangeFlow()
                        .Configure(server =>
                        {
                            server.SubjectTokenTypes.Clear();
                            server.SubjectTokenTypes.Add(TokenTypeIdentifiers.AccessToken);
                            server.ActorTokenTypes.Clear();
                            server.ActorTokenTypes.Add(TokenTypeIdentifiers.AccessToken);
                            server.RequestedTokenTypes.Clear();
                            server.RequestedTokenTypes.Add(TokenTypeIdentifiers.AccessToken);
                            server.DefaultRequestedTokenType = TokenTypeIdentifiers.AccessToken;

                            // The audience parameter exists for this grant alone; its targets are the resources of the
                            // scopes registered at run time, which NarrowTokenExchange checks, not a list fixed at start-up.
                            server.DisableAudienceValidation = true;
                            server.IgnoreAudiencePermissions = true;
                        });
                }

                if (configuration.GetValue<bool>(Testing.EphemeralMode.Setting))
                {
                    // Ephemeral mode only: the testing grant, answered at a token endpoint of its own (docs/testing.md).
                    options.AllowCustomFlow(Auth.Application.Clients.ClientGrantTypes.Testing)
                        .SetTokenEndpointUris(Routes.RelativeToIssuer(Routes.Token), Routes.RelativeToIssuer(Testing.TestingRoutes.Tokens));
                }

                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, Auth.Application.Clients.StandardScopes.Groups);
                options.RegisterClaims(
                    Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.GivenName, Claims.FamilyName,
                    Claims.UpdatedAt, Claims.Email, Claims.EmailVerified, Claims.AuthenticationTime, Claims.AuthenticationMethodReference,
                    Claims.AuthenticationContextReference, SignIn.SessionClaims.SessionId,
                    DirectoryClaims.Groups, DirectoryClaims.HasGroups, DirectoryClaims.Roles);

                options.SetAuthorizationCodeLifetime(settings.AuthorizationCodeLifetime)
                    .SetIdentityTokenLifetime(settings.IdentityTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway);

                // Clients authenticate with a secret (Basic or form post) or, when OAuth:PrivateKeyJwt is on (the
                // default), with an assertion signed by one of their keys (RFC 7523 §2.2). client_secret_jwt stays off:
                // OpenIddict has no client_secret_jwt and ClientKeySet refuses symmetric keys.
                options.Configure(server =>
                {
                    if (!settings.PrivateKeyJwt)
                    {
                        server.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt);
                        server.ClientAssertionTypes.Clear();
                    }

                    // PKCE with S256 only: "plain" protects nothing against an attacker who sees the request (RFC 9700 §2.1.1).
                    server.CodeChallengeMethods.Clear();
                    server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);

                    // The authorization code flow only: no implicit or hybrid response types.
                    server.ResponseTypes.Clear();
                    server.ResponseTypes.Add(ResponseTypes.Code);
                    server.ResponseModes.Remove(ResponseModes.Fragment);
                });
                // RFC 9068 JWT access tokens, signed but not encrypted, so any resource server can validate them
                // with the keys published at /jwks.json.
                options.DisableAccessTokenEncryption();
                options.SetAccessTokenLifetime(settings.AccessTokenLifetime);

                var host = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough()
                    .EnableErrorPassthrough();
                if (settings.Issuer.Scheme == Uri.UriSchemeHttp)
                {
                    // A plain-HTTP issuer is for development and tests on loopback.
                    host.DisableTransportSecurityRequirement();
                }

                options.AddServiceHandlers();
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();

                // RFC 9700 §4.3.2 and RFC 6750 §5.3: the service's own APIs (SCIM, MFA, admin) take a Bearer token in the
                // Authorization header only; a token in the query string or a form body counts as no token.
                options.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();

                // The service's own APIs (SCIM, MFA, admin) refuse a revoked token and a deactivated user's token at
                // once on this node and within a second on every other, from the revocations every node holds in
                // memory (ADR 0010): no token or authorization row is read per request.
                options.AddEventHandler<OpenIddictValidationEvents.ValidateTokenContext>(h => h
                    .UseSingletonHandler<Handlers.TokenValidation.RefuseRevokedAccessTokens>()
                    .SetOrder(OAuthHandlerOrder.AfterValidationAuthorizationEntryCheck));

                // DPoP (RFC 9449 §7): a token from Authorization: DPoP too; a bound token only with the DPoP scheme and a
                // proof by its key, an unbound one only as Bearer.
                options.AddEventHandler<OpenIddictValidationEvents.ValidateTokenContext>(h => h
                    .UseSingletonHandler<Handlers.DPoP.LeaveKeyBindingToDPoPChecks>()
                    .SetOrder(OAuthHandlerOrder.BeforeValidationProofOfPossessionCheck));
                options.AddEventHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>(h => h
                    .UseSingletonHandler<Handlers.DPoP.AcceptDPoPAccessTokens>()
                    .SetOrder(OAuthHandlerOrder.AfterValidationBearerTokenIsRead));
                options.AddEventHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>(h => h
                    .UseScopedHandler<Handlers.DPoP.RequireProofOfPossession>()
                    .SetOrder(OAuthHandlerOrder.AfterValidationAccessTokenIsValidated));
            })
            .AddFederationClient(configuration);

        services.AddSingleton<Observability.ReportOAuthOutcomes>();
        services.AddSingleton<Auth.Api.OAuth.DPoP.DPoPNonces>();

        // A client's jwks_uri and request_uris are fetched without following redirects (an https URI must not lead to
        // a plain one or elsewhere), within JwksUriKeys.Timeout and RequestUriObjects.Timeout; a self-registered
        // client's through the address guard.
        services.AddSingleton<OutboundAddressGuard>();
        services.AddSingleton<ClientKeys.JwksUriKeys>();
        services.AddClientUriFetching(ClientKeys.JwksUriKeys.HttpClientName, ClientKeys.JwksUriKeys.Timeout, int.MaxValue);
        services.AddSingleton<RequestUriObjects>();
        services.AddClientUriFetching(RequestUriObjects.HttpClientName, RequestUriObjects.Timeout, RequestUriObjects.MaximumConnectionsPerHost);
        services.AddScoped<Auth.Api.OAuth.DPoP.DPoPProofCheck>();
        services.AddScoped<ProvisioningTokenIssuer>();
        services.AddSingleton<MetadataResponseCache>();
        services.AddSingleton<SigningKeyServerOptions>();
        services.AddSingleton<UserInfoSigner>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<SigningKeyServerOptions>());
        services.AddSingleton<IPostConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<SigningKeyServerOptions>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<SigningKeyServerOptions>());

        // The local validation handler copies the server's keys into its own options: rebuild those after the server's.
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictValidationOptions>, ValidationKeysFollowServerKeys>();
        return services;
    }
}
