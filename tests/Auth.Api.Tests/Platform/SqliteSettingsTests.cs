using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Platform;

/// <summary>The embedded store's connections run in write-ahead-log mode with synchronous=NORMAL (docs/performance.md).</summary>
public sealed class SqliteSettingsTests
{
    [Test]
    public async Task Every_connection_the_service_opens_uses_wal_with_synchronous_normal()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using var server = await AuthServer.StartAsync(store);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();

        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            Assert.Multiple(async () =>
            {
                Assert.That(await ScalarAsync(connection, "PRAGMA journal_mode;"), Is.EqualTo("wal"));
                Assert.That(await ScalarAsync(connection, "PRAGMA synchronous;"), Is.EqualTo("1"), "1 is NORMAL; SQLite's default is 2 (FULL)");
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
