using Auth.Api.OAuth;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using Polly;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Federation;

/// <summary>
/// The OpenID Connect client that signs people in at upstream identity providers, in the same OpenIddict registration
/// as the server. Its registrations come from the database at run time (<see cref="ProviderRegistrations"/>).
/// </summary>
public static class FederationRegistration
{
    public static OpenIddictBuilder AddFederationClient(this OpenIddictBuilder openIddict, IConfiguration configuration)
    {
        var settings = configuration.GetSection(FederationOptions.Section).Get<FederationOptions>() ?? new FederationOptions();
        var issuer = (configuration.GetSection(OAuthOptions.Section).Get<OAuthOptions>() ?? new OAuthOptions()).Issuer;
        openIddict.Services.AddOptions<FederationOptions>().Bind(configuration.GetSection(FederationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        openIddict.Services.AddSingleton<ProviderRegistrations>();
        openIddict.Services.AddSingleton<IConfigureOptions<OpenIddictClientOptions>>(provider => provider.GetRequiredService<ProviderRegistrations>());
        openIddict.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictClientOptions>>(provider => provider.GetRequiredService<ProviderRegistrations>());

        return openIddict.AddClient(client =>
        {
            // Keeps the options valid while no provider exists (OpenIddict needs a flow); ProviderRegistrations adds the
            // code flow with the first provider. Nothing uses this flow.
            client.AllowRefreshTokenFlow();
            client.SetStateTokenLifetime(settings.StateLifetime);
            client.DisableWebServicesFederationClaimMapping();
            client.Configure(options =>
            {
                // Query responses only: the correlation cookie can then be SameSite=Lax, and no page needs a script.
                options.ResponseModes.Remove(ResponseModes.FormPost);
                options.ResponseModes.Remove(ResponseModes.Fragment);

                // PKCE with S256 only (RFC 9700 §2.1.1), as the server asks of its own clients.
                options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
            });

            var host = client.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                .EnablePostLogoutRedirectionEndpointPassthrough()
                .EnableErrorPassthrough()

                // Forwarding schemes are computed once, from the first registrations; the pages name the registration instead.
                .DisableAutomaticAuthenticationSchemeForwarding();
            if (issuer.Scheme == Uri.UriSchemeHttp)
            {
                host.DisableTransportSecurityRequirement();
            }

            host.Configure(options =>
            {
                options.CookieBuilder.Name = "auth.idp";
                options.CookieBuilder.HttpOnly = true;

                // OpenIddict's default (None, always Secure) breaks a plain-HTTP loopback issuer; Lax is enough for a
                // response that comes back as a top-level GET (response_mode=query).
                options.CookieBuilder.SameSite = SameSiteMode.Lax;
                options.CookieBuilder.SecurePolicy = issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            });

            // One bounded attempt: an upstream that is down answers with the error page quickly, not after retries.
            client.UseSystemNetHttp()
                .SetProductInformation(typeof(FederationRegistration).Assembly)
                .SetHttpResiliencePipeline(pipeline => pipeline.AddTimeout(settings.BackchannelTimeout));
            client.UseWebProviders();
            client.AddServiceHandlers();
        });
    }
}
