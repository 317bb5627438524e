using Auth.Application.Audit;
using Auth.Domain.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Audit;

/// <summary>
/// Moves audit records from the queue to the AuditEntries table in batches. A batch that cannot be written (the
/// database is down) is kept and tried again, so an outage delays records rather than losing them. On shutdown, and
/// when a command-line verb finishes, what is queued is written before the process ends.
/// </summary>
public sealed partial class AuditWriter(
    AuditQueue queue,
    IServiceScopeFactory scopes,
    IOptions<AuditOptions> options,
    StoreReadiness readiness,
    ILogger<AuditWriter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Never disposed: a host that disposes its services while a flush from StopAsync is still saving would otherwise
    // make that flush's Release throw. Without its wait handle (never asked for) a SemaphoreSlim holds nothing to free.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly List<AuditEntry> _batch = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WaitAsync(stoppingToken);
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                if (!await WriteQueuedAsync(stoppingToken))
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes everything queued now; false when the database refused (the records stay queued in memory).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        while (queue.Pending > 0 || _batch.Count > 0)
        {
            if (!await WriteQueuedAsync(cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> WriteQueuedAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            while (_batch.Count < options.Value.BatchSize && queue.Reader.TryRead(out var entry))
            {
                _batch.Add(entry);
            }

            if (_batch.Count == 0)
            {
                return true;
            }

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            db.AddRange(_batch);
            await db.SaveChangesAsync(cancellationToken);
            _batch.Clear();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWriteFailed(logger, _batch.Count, ex);
            return false;
        }
        finally
        {
            _writing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} audit records; will try again")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
