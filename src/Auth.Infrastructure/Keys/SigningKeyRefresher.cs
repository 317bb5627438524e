using Auth.Application.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Keys;

/// <summary>
/// Re-reads the signing keys on a timer, so a rotation made by the command line or another node is published
/// (and used) here within <see cref="SigningKeyPolicy.RefreshInterval"/>, and retired keys drop out on time.
/// </summary>
public sealed partial class SigningKeyRefresher(
    SigningKeyRing ring,
    IOptions<SigningKeyPolicy> policy,
    TimeProvider clock,
    ILogger<SigningKeyRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(policy.Value.RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await ring.ReloadAsync(stoppingToken))
                {
                    LogKeysChanged(logger, ring.Keys.Count, ring.Keys[0].KeyId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be down for a while; the keys in memory stay in force until it is back.
                LogReloadFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys changed: {KeyCount} published, {SigningKeyId} signs")]
    private static partial void LogKeysChanged(ILogger logger, int keyCount, string signingKeyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the signing keys; keeping the current ones")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
