using System.Globalization;
using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace Auth.Api.Tests.Platform;

/// <summary>GET /health answers the documented body (docs/api.md), and tells the truth about the database.</summary>
public sealed class HealthTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_reachable_database_is_healthy_in_the_documented_shape()
    {
        using var response = await Server.Client.GetAsync("/health");
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(body.GetProperty("version").GetString(), Is.EqualTo("1.0.0"));
            var timestamp = body.GetProperty("timestamp").GetString()!;
            Assert.That(timestamp, Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
            var parsed = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.That(parsed, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
    }

    [Test]
    public async Task An_unreachable_database_is_unhealthy_with_503_and_recovers_without_a_restart()
    {
        await using (await CutOffDatabaseAsync())
        {
            using var ready = await Server.Client.GetAsync("/health/ready");
            using var live = await Server.Client.GetAsync("/health/live");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "not ready without the database");
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "but alive");

            using var down = await Server.Client.GetAsync("/health");
            var body = await OAuthClient.ReadJsonAsync(down);
            Assert.Multiple(() =>
            {
                Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
                Assert.That(body.GetProperty("checks").GetProperty("database").GetString(), Is.EqualTo("unhealthy"));
                Assert.That(body.ToString(), Does.Not.Contain("Exception").And.Not.Contain("at "));
            });
        }

        Assert.That(await EventuallyHealthyAsync(), Is.True, "the service did not become healthy again once the database was back");
    }

    private Task<bool> EventuallyHealthyAsync() => Eventually.HoldsAsync(
        async () =>
        {
            using var response = await Server.Client.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        },
        TimeSpan.FromSeconds(30));

    /// <summary>Makes the store refuse connections until the returned handle is disposed.</summary>
    private async Task<IAsyncDisposable> CutOffDatabaseAsync()
    {
        var store = Server.Store;
        if (store.Kind == StoreKind.Postgres)
        {
            var name = new Npgsql.NpgsqlConnectionStringBuilder(store.PostgresConnectionString).Database;
            await TestPostgres.ExecuteOnServerAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            await TestPostgres.ExecuteOnServerAsync(
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
            return new Restore(() => TestPostgres.ExecuteOnServerAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"));
        }

        // SQLite: the file is moved away and a directory takes its name, so opening it fails.
        var moved = store.SqliteFile + ".away";
        SqliteConnection.ClearAllPools();
        File.Move(store.SqliteFile, moved);
        Directory.CreateDirectory(store.SqliteFile);
        return new Restore(() =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(store.SqliteFile);
            File.Move(moved, store.SqliteFile);
            return Task.CompletedTask;
        });
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
