using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Platform;

/// <summary>The server store prepares the statements a connection runs again and again (ADR 0011).</summary>
public sealed class PostgresSettingsTests
{
    [Test]
    public async Task A_query_run_again_and_again_on_a_connection_is_prepared_there()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Postgres);
        await using var server = await AuthServer.StartAsync(store);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();

        await db.Database.OpenConnectionAsync();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == "NOBODY-" + i).CountAsync();
            }

            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%"NormalizedUserName"%'""";
            Assert.That(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
