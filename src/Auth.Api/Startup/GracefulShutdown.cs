using Microsoft.Extensions.Options;

namespace Auth.Api.Startup;

/// <summary>
/// On SIGTERM the host stops Kestrel, which closes its listeners at once (new connections are refused) and lets the
/// requests already running finish, for up to <see cref="ShutdownOptions.Timeout"/>. Then the process exits 0.
/// </summary>
public static class GracefulShutdown
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection(ShutdownOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(10), "Shutdown:Timeout must be positive and at most 10 minutes.")
            .ValidateOnStart();
        services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        return services;
    }
}
