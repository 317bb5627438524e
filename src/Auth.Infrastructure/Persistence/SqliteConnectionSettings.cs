using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings (SQLite keeps them per connection, not in the file).
/// <para>
/// Both stores set a busy timeout: a write that must wait for another connection's lock (a reader still holding the
/// shared lock when the write commits) waits inside SQLite for up to <see cref="BusyTimeoutMilliseconds"/> instead
/// of failing at once with "database is locked". Microsoft.Data.Sqlite retries a statement that cannot start, but not
/// a commit refused as the statement ends; the in-memory store (ephemeral mode), which locks like a file in its
/// rollback-journal mode, met that whenever a write raced a read.
/// </para>
/// <para>
/// The file store runs in write-ahead-log mode, where <c>synchronous=NORMAL</c> syncs the log at checkpoints instead
/// of at every commit: a commit is still atomic and the file cannot be corrupted, but a power loss or operating-system
/// crash (not a crash of this process) may undo the last transactions. Without it every token entry waited for a disk
/// flush while holding SQLite's one write lock.
/// </para>
/// <para>
/// SQLite's own <c>upper()</c> folds ASCII letters only, so a case-insensitive SCIM filter (<c>displayName eq
/// "équipe zürich"</c>, where EF Core writes <c>upper(column) = @value</c> and the value is upper-cased in .NET) never
/// matched a name with a letter outside ASCII, and Entra ID, finding no group, created it again forever. Every
/// connection's <c>upper()</c> is .NET's <see cref="string.ToUpperInvariant"/>, the same folding the values and the
/// normalized columns get.
/// </para>
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>As long as a command may take (EF Core's default command timeout, 30 s).</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _pragmas;

    private SqliteConnectionSettings(string pragmas) => _pragmas = pragmas;

    /// <summary>The file store's settings.</summary>
    public static SqliteConnectionSettings ForFile() => new($"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL;");

    /// <summary>The in-memory store's settings (ephemeral mode): nothing is synced there.</summary>
    public static SqliteConnectionSettings ForMemory() => new($"PRAGMA busy_timeout={BusyTimeoutMilliseconds};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        FoldCaseAsDotNetDoes(connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        FoldCaseAsDotNetDoes(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void FoldCaseAsDotNetDoes(DbConnection connection) =>
        ((SqliteConnection)connection).CreateFunction<string?, string?>("upper", text => text?.ToUpperInvariant(), isDeterministic: true);
}
