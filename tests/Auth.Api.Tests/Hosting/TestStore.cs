namespace Auth.Api.Tests.Hosting;

/// <summary>
/// The state one test server owns: a data directory (the SQLite file and the master key file) and, for PostgreSQL,
/// a database of its own. Kept across restarts of the server; deleted when the test fixture ends.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly bool _ownsDatabase;

    private TestStore(StoreKind kind, string dataDirectory, string? postgresConnectionString, bool ownsDatabase = true)
    {
        _ownsDatabase = ownsDatabase;
        Kind = kind;
        DataDirectory = dataDirectory;
        PostgresConnectionString = postgresConnectionString;
    }

    public StoreKind Kind { get; }

    public string DataDirectory { get; }

    public string? PostgresConnectionString { get; }

    public string SqliteFile => Path.Combine(DataDirectory, "auth.db");

    public static async Task<TestStore> CreateAsync(StoreKind kind)
    {
        var directory = Directory.CreateTempSubdirectory("auth-test-").FullName;
        var postgres = kind == StoreKind.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        return new TestStore(kind, directory, postgres);
    }

    /// <summary>A PostgreSQL store in a database someone else owns (a private cluster a test started).</summary>
    public static TestStore OnDatabase(string postgresConnectionString) =>
        new(StoreKind.Postgres, Directory.CreateTempSubdirectory("auth-test-").FullName, postgresConnectionString, ownsDatabase: false);

    /// <summary>Configuration that points the service at this store.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Storage:DataDirectory", DataDirectory);
        yield return new("ConnectionStrings:Postgres", PostgresConnectionString ?? string.Empty);
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgresConnectionString is not null && _ownsDatabase)
        {
            await TestPostgres.DropDatabaseAsync(PostgresConnectionString);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process that still held a file will be gone soon; the OS cleans the temp folder.
        }
    }
}
