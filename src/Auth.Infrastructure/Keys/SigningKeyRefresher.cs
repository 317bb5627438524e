using Auth.Application.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Keys;

/// <summary>
/// Re-reads the signing keys every <see cref="SigningKeyPolicy.RefreshInterval"/>, so a rotation made by the command
/// line or another node is published here within that time, and also at the ring's
/// <see cref="SigningKeyRing.NextChangeAt"/>, so a new key starts signing and a retired key drops out on time.
/// </summary>
public sealed partial class SigningKeyRefresher(
    SigningKeyRing ring,
    IOptions<SigningKeyPolicy> policy,
    TimeProvider clock,
    ILogger<SigningKeyRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(DelayUntilNextRead(), clock, stoppingToken);
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

    private TimeSpan DelayUntilNextRead()
    {
        var delay = policy.Value.RefreshInterval;
        if (ring.NextChangeAt is { } next)
        {
            // A few milliseconds late, never early: the clock must have reached the change when the keys are read.
            var untilChange = next - clock.GetUtcNow() + TimeSpan.FromMilliseconds(5);
            delay = untilChange < delay ? untilChange : delay;
        }

        return delay < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys changed: {KeyCount} published, {SigningKeyId} signs")]
    private static partial void LogKeysChanged(ILogger logger, int keyCount, string signingKeyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the signing keys; keeping the current ones")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
