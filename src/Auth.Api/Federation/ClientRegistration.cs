using Auth.Domain.IdentityProviders;
using Auth.Infrastructure.IdentityProviders;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using OpenIddict.Client.WebIntegration;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Federation;

/// <summary>How a stored provider becomes an OpenIddict client registration.</summary>
public static class ClientRegistration
{
    public static OpenIddictClientRegistration For(LoadedIdentityProvider loaded, Uri issuer, FederationOptions settings, OpenIddictClientService service)
    {
        var provider = loaded.Provider;
        var registration = new OpenIddictClientRegistration
        {
            RegistrationId = provider.Id,
            ProviderName = provider.Id,
            ProviderDisplayName = provider.DisplayName,
            Issuer = new Uri(provider.EffectiveIssuer ?? throw new InvalidOperationException($"Provider {provider.Id} has no issuer."), UriKind.Absolute),
            ClientId = provider.ClientId,
            ClientSecret = loaded.ClientSecret,
            RedirectUri = Routes.UnderIssuer(issuer, Routes.ForProvider(Routes.ProviderCallback, provider.Id)),
            PostLogoutRedirectUri = provider.UpstreamLogout
                ? Routes.UnderIssuer(issuer, Routes.ForProvider(Routes.ProviderSignedOut, provider.Id))
                : null,
        };
        registration.Scopes.UnionWith(provider.ScopeList);
        registration.GrantTypes.Add(GrantTypes.AuthorizationCode);
        registration.ResponseTypes.Add(ResponseTypes.Code);
        registration.ResponseModes.Add(ResponseModes.Query);
        registration.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);

        // Exactly the method the upstream application is registered with: an upstream refuses any other, and
        // OpenIddict would otherwise pick one itself.
        registration.ClientAuthenticationMethods.Add(provider.ClientAuthentication switch
        {
            ClientAuthenticationKind.PrivateKeyJwt => ClientAuthenticationMethods.PrivateKeyJwt,
            ClientAuthenticationKind.ClientSecretPost => ClientAuthenticationMethods.ClientSecretPost,
            _ => ClientAuthenticationMethods.ClientSecretBasic,
        });

        switch (provider.Kind)
        {
            case ProviderKind.Entra when provider.Issuer is null:
                // Microsoft's own issuer: the web provider handles its discovery quirks and certificate credentials.
                registration.ProviderType = OpenIddictClientWebIntegrationConstants.ProviderTypes.Microsoft;
                registration.ProviderSettings = new OpenIddictClientWebIntegrationSettings.Microsoft
                {
                    Tenant = provider.Tenant,
                    SigningCertificate = loaded.SigningCertificate,
                };
                break;
            default:
                if (loaded.SigningCertificate is { } certificate)
                {
                    registration.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256));
                }

                break;
        }

        // Discovery is tried again soon after a failure (an upstream down at start-up), not after IdentityModel's 5 minutes.
        registration.ConfigurationEndpoint = new Uri(WithSlash(registration.Issuer), ".well-known/openid-configuration");
        registration.ConfigurationManager = new ConfigurationManager<OpenIddictConfiguration>(
            registration.ConfigurationEndpoint.AbsoluteUri, new OpenIddictClientRetriever(service, registration))
        {
            RefreshInterval = settings.DiscoveryRetryInterval,
            AutomaticRefreshInterval = ConfigurationManager<OpenIddictConfiguration>.DefaultAutomaticRefreshInterval,
        };
        return registration;
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
