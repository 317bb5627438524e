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
    ILogger<AccessChangeFeed> logger) : BackgroundService
{
    // PostgreSQL hands out ids before commit, so a lower id can commit after a higher one was read: recent rows are
    // read again (applying is idempotent). SQLite commits one writer at a time, in id order.
    private const long RecentMilliseconds = 30_000;
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private long _seen;

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var startedAt = clock.GetUtcNow();
        var now = startedAt.ToUnixTimeMilliseconds();
        var seen = Volatile.Read(ref _seen);
        var recent = db is PostgresAuthDbContext ? now - RecentMilliseconds : long.MaxValue;
        var changes = await db.AccessChanges.AsNoTracking()
            .Where(c => (c.Id > seen || c.At >= recent) && c.Expires >= now)
            .ToListAsync(cancellationToken);
        foreach (var change in changes)
        {
            observers.Apply(change);
            seen = Math.Max(seen, change.Id);
        }

        Volatile.Write(ref _seen, seen);
        observers.CaughtUp(startedAt);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
