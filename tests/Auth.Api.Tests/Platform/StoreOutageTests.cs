using Auth.Api.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Auth.Api.Tests.Platform;

/// <summary>What counts as the store being out (503 with Retry-After) and what is a refused write (a fault, 500).</summary>
public sealed class StoreOutageTests
{
    [Test]
    public void A_database_that_cannot_be_reached_or_times_out_is_an_outage()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StoreOutage.Caused(new NpgsqlException("Failed to connect")), Is.True);
            Assert.That(StoreOutage.Caused(new DbUpdateException("wrapped", new TimeoutException())), Is.True);
            Assert.That(StoreOutage.Caused(new InvalidOperationException("transient", new PostgresException("shutting down", "FATAL", "FATAL", "57P01"))), Is.True);
            Assert.That(StoreOutage.Caused(new SqliteException("database is locked", 5)), Is.True);
        });
    }

    [TestCase("23503")]
    [TestCase("23505")]
    [TestCase("23514")]
    public void A_constraint_postgresql_refused_is_not_an_outage(string sqlState) =>
        Assert.That(StoreOutage.Caused(new DbUpdateException("save", new PostgresException("violates", "ERROR", "ERROR", sqlState))), Is.False);

    [Test]
    public void A_constraint_sqlite_refused_is_not_an_outage() =>
        Assert.That(StoreOutage.Caused(new DbUpdateException("save", new SqliteException("FOREIGN KEY constraint failed", 19, 787))), Is.False);

    [Test]
    public void Anything_else_is_not_an_outage() =>
        Assert.That(StoreOutage.Caused(new InvalidOperationException("a bug")), Is.False);
}
