using Npgsql;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// A connection of its own (outside the pool) that LISTENs on <see cref="AccessChangeWriter.Channel"/>. PostgreSQL
/// delivers a NOTIFY only when the transaction that sent it commits. It shows in <c>pg_stat_activity</c> as
/// application_name <c>auth-change-signal</c>.
/// </summary>
internal sealed class PostgresChangeSignal(NpgsqlConnection connection) : IAccessChangeSignal
{
    public static async Task<PostgresChangeSignal> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30, ApplicationName = "auth-change-signal" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var listen = new NpgsqlCommand("LISTEN " + AccessChangeWriter.Channel, connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresChangeSignal(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => connection.WaitAsync(timeout, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
