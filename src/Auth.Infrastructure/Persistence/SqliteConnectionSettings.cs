using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings (SQLite keeps them per connection, not in the file). In write-ahead-log mode,
/// <c>synchronous=NORMAL</c> syncs the log at checkpoints instead of at every commit: a commit is still atomic and the
/// file cannot be corrupted, but a power loss or operating-system crash (not a crash of this process) may undo the
/// last transactions. Without it every token entry waited for a disk flush while holding SQLite's one write lock.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
