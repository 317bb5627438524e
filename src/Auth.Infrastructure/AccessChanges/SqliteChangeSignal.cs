using Microsoft.Data.Sqlite;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// A connection of its own that asks SQLite every few milliseconds whether any other connection (this process's
/// pool, another server process, the command line) has committed since: <c>PRAGMA data_version</c> changes then.
/// </summary>
internal sealed class SqliteChangeSignal(SqliteConnection connection, TimeProvider clock) : IAccessChangeSignal
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private long _version = -1;

    public static async Task<SqliteChangeSignal> OpenAsync(string connectionString, TimeProvider clock, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return new SqliteChangeSignal(connection, clock);
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + timeout;
        while (clock.GetUtcNow() < until)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (version != Interlocked.Exchange(ref _version, version))
            {
                return;
            }

            await Task.Delay(Step, clock, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
