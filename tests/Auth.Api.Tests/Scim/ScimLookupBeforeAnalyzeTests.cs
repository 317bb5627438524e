using Auth.Api.Tests.Hosting;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// Users written before the database has gathered any statistics on them (a bulk load or a restore, until autovacuum's
/// first ANALYZE): PostgreSQL then takes the Users table for a single row. A userName lookup must still go through the
/// userName index; it once walked the primary key in id order and read every user (issue #15, docs/performance.md).
/// </summary>
public sealed class ScimLookupBeforeAnalyzeTests(StoreKind store) : ScimTest(store)
{
    private const int UserCount = 2_000;

    [OneTimeSetUp]
    public async Task SeedUsersWithoutStatistics()
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        if (StoreKind == StoreKind.Postgres)
        {
            // So that autovacuum cannot analyze the table while the test runs.
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Users" SET (autovacuum_enabled = false)""");
        }

        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < UserCount; i++)
        {
            db.Users.Add(new User($"unanalyzed-{i:D4}@example.com", now));
        }

        await db.SaveChangesAsync();
    }

    [Test]
    public async Task A_user_name_lookup_uses_the_user_name_index_before_the_first_analyze()
    {
        var (_, list) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter("userName eq \"UNANALYZED-1500@example.com\""));
        Assert.That(list!["totalResults"]!.GetValue<int>(), Is.EqualTo(1));

        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var plan = await UserListPlans.ExplainAsync(db, StoreKind, "userName eq \"unanalyzed-1500@example.com\"");

        Assert.Multiple(() =>
        {
            Assert.That(plan, Does.Contain("IX_Users_NormalizedUserName"), plan);
            Assert.That(plan, Does.Not.Contain("PK_Users"), "no walk through every user in id order: " + plan);
        });
    }
}
