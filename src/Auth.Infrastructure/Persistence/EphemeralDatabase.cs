using Microsoft.Data.Sqlite;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Ephemeral mode's store: a SQLite database in this process's memory (the memdb VFS, which locks like a file, so the
/// connection pool's connections wait for each other, up to <see cref="SqliteConnectionSettings"/>' busy timeout,
/// instead of failing), kept alive by one open connection until
/// the service is disposed (its pooled connections closed then too, so the memory is freed). Every instance has a name of its own, so instances in one process share nothing.
/// </summary>
public sealed class EphemeralDatabase : IDisposable
{
    private const string SchemaResource = "Auth.Infrastructure.SqliteSchema.sql";

    private readonly SqliteConnection _keepAlive;
    private readonly SemaphoreSlim _creating = new(1, 1);
    private bool _created;

    public EphemeralDatabase()
    {
        ConnectionString = $"Data Source=file:/auth-ephemeral-{Guid.NewGuid():N}?vfs=memdb";
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();
    }

    public string ConnectionString { get; }

    /// <summary>
    /// Creates the schema, once, from the script of every migration (the <c>migrate</c> verb's result, history
    /// included): a few milliseconds, where applying the migrations through EF Core takes most of a second of start-up.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (_created)
            {
                return;
            }

            await using var stream = typeof(EphemeralDatabase).Assembly.GetManifestResourceStream(SchemaResource)
                ?? throw new InvalidOperationException($"The embedded resource {SchemaResource} is missing.");
            using var reader = new StreamReader(stream);
            await using var command = _keepAlive.CreateCommand();
            command.CommandText = await reader.ReadToEndAsync(cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
            _created = true;
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <summary>Closes every connection to the database, the pooled ones too, so that SQLite frees it.</summary>
    public void Dispose()
    {
        SqliteConnection.ClearPool(_keepAlive);
        _keepAlive.Dispose();
        _creating.Dispose();
    }
}
