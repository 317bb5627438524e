using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.IdentityProviders;

/// <summary>
/// Re-reads the identity providers on a timer, so a provider added, changed or removed by the command line, the seed
/// or another node counts here within <see cref="IdentityProviderCatalogOptions.RefreshInterval"/>, without a restart.
/// </summary>
public sealed partial class IdentityProviderRefresher(
    IdentityProviderCatalog catalog,
    IOptions<IdentityProviderCatalogOptions> options,
    TimeProvider clock,
    ILogger<IdentityProviderRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await catalog.ReloadAsync(stoppingToken))
                {
                    LogProvidersChanged(logger, catalog.Providers.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be down for a while; the providers in memory stay in force until it is back.
                LogReloadFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity providers changed: {ProviderCount} loaded")]
    private static partial void LogProvidersChanged(ILogger logger, int providerCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the identity providers; keeping the current ones")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
