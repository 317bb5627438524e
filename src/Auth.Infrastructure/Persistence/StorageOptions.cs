namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Where the service keeps its state. With no PostgreSQL connection string (<c>ConnectionStrings:Postgres</c>)
/// the embedded SQLite file <c>auth.db</c> in <see cref="DataDirectory"/> is used.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string PostgresConnectionStringName = "Postgres";

    /// <summary>Folder for the SQLite file and, unless configured otherwise, the master key file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the service starts (the <c>migrate</c> verb does it on demand).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// For test suites only (<c>--ephemeral</c>, docs/testing.md): the whole state in an in-memory SQLite database
    /// that lives as long as the process, a master key generated in memory, nothing written to disk. Never the default;
    /// refused with a PostgreSQL connection string.
    /// </summary>
    public bool Ephemeral { get; set; }
}
