using Auth.Application.Grants;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Grants;

/// <summary>
/// Prunes expired grants and sessions periodically (OpenIddict.Quartz is not available here). Every node runs it; pruning is an
/// idempotent delete, so nodes running it at the same time do no harm.
/// </summary>
public sealed partial class GrantPruner(
    IServiceScopeFactory scopes,
    IOptions<GrantRetention> retention,
    TimeProvider clock,
    ILogger<GrantPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(retention.Value.PruneInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var pruned = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PruneExpiredGrants(), stoppingToken);
                LogPruned(logger, pruned.Tokens, pruned.Authorizations, pruned.Sessions);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An outage must not stop the timer: the next tick tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Tokens} tokens, {Authorizations} authorizations and {Sessions} sessions")]
    private static partial void LogPruned(ILogger logger, long tokens, long authorizations, long sessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning expired grants failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
