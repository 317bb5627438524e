using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// Keeps what this node holds from the change table current (<see cref="AccessRevocations"/>, the scope catalog). Start-up reads every change still in force before the
/// node reports ready (<see cref="CatchUpAsync"/>); then this reads what is new whenever the store signals a commit
/// (PostgreSQL NOTIFY, SQLite's data_version) and at least every <see cref="RevocationOptions.PollInterval"/>, so a lost
/// notification or a write by the command line counts within that interval. Once a minute it forgets what covers
/// only expired tokens (the rows go with the expired grants, GrantPruner).
/// </summary>
public sealed partial class AccessChangeFeed(
    IServiceScopeFactory scopes,
    AccessChangeObservers observers,
    AccessRevocations revocations,
    IOptions<RevocationOptions> options,
    TimeProvider clock,
    StoreReadiness readiness,
    ILogger<AccessChangeFeed> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private long _seen;

    // PostgreSQL hands out ids before commit, so a lower id can commit after a higher one was read. Every transaction
    // still open at a read has an id at or above that read's snapshot xmin (taken before it), so the next read also
    // takes every row such a transaction wrote, however long it stayed open (applying is idempotent). SQLite commits
    // one writer at a time, in id order.
    private long _openSince = long.MaxValue;

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var startedAt = clock.GetUtcNow();
        var now = startedAt.ToUnixTimeMilliseconds();
        var seen = Volatile.Read(ref _seen);
        var openSince = Volatile.Read(ref _openSince);
        var stillOpen = db is PostgresAuthDbContext
            ? await db.Database.SqlQueryRaw<long>("""SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS "Value" """).SingleAsync(cancellationToken)
            : long.MaxValue;
        var changes = await db.AccessChanges.AsNoTracking()
            .Where(c => (c.Id > seen || c.TransactionId >= openSince) && c.Expires >= now)
            .ToListAsync(cancellationToken);
        foreach (var change in changes)
        {
            observers.Apply(change);
            seen = Math.Max(seen, change.Id);
        }

        Volatile.Write(ref _seen, seen);
        Volatile.Write(ref _openSince, stillOpen);
        observers.CaughtUp(startedAt);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var interval = options.Value.PollInterval;
        var nextPrune = clock.GetUtcNow() + PruneInterval;
        IAccessChangeSignal? signal = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (signal is null)
                {
                    // What was committed while nothing listened (start-up, a lost connection) sent no signal here: read it now.
                    signal = await OpenSignalAsync(stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(interval, stoppingToken);
                }

                await CatchUpAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextPrune)
                {
                    nextPrune = clock.GetUtcNow() + PruneInterval;
                    revocations.Prune(clock.GetUtcNow().ToUnixTimeMilliseconds());
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // An outage: this node keeps what it knows, and reads again once the store answers.
                LogFailed(logger, ex);
                if (signal is not null)
                {
                    await signal.DisposeAsync();
                    signal = null;
                }

                await Task.Delay(interval, clock, stoppingToken);
            }
        }

        if (signal is not null)
        {
            await signal.DisposeAsync();
        }
    }

    private async Task<IAccessChangeSignal> OpenSignalAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var connectionString = db.Database.GetConnectionString()!;
        return db is PostgresAuthDbContext
            ? await PostgresChangeSignal.OpenAsync(connectionString, cancellationToken)
            : await SqliteChangeSignal.OpenAsync(connectionString, clock, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading revocations from the store failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
