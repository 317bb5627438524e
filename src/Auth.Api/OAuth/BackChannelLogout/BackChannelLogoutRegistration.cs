using Auth.Application.Sessions;

namespace Auth.Api.OAuth.BackChannelLogout;

public static class BackChannelLogoutRegistration
{
    /// <summary>The logout token issuer and, while OAuth:BackChannelLogout is on, the outbox's delivery on this node.</summary>
    public static IServiceCollection AddBackChannelLogout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<LogoutTokenIssuer>();
        var settings = configuration.GetSection(BackChannelLogoutOptions.Section).Get<BackChannelLogoutOptions>() ?? new BackChannelLogoutOptions();
        if (!settings.BackChannelLogout)
        {
            return services;
        }

        // A client's answer is taken as it comes: a redirect is not followed (it would send the token elsewhere). A
        // self-registered client's URI is reached only where the address guard permits.
        services.AddHttpClient(BackChannelLogoutDelivery.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxResponseDrainSize = 0 })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(ClientUriFetch.ClientName(BackChannelLogoutDelivery.HttpClientName, selfRegistered: true))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<OutboundAddressGuard>().Guard(
                new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxResponseDrainSize = 0 }))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<BackChannelLogoutDelivery>();
        return services;
    }
}
