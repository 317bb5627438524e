using Auth.Api.Tests.Hosting;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// 10,000 users: the lookups Okta and Entra ID make most (userName eq, a paged userName sw) are answered through the
/// database's indexes, which the query plans show, and never by reading every user.
/// </summary>
public sealed class ScimScaleTests(StoreKind store) : ScimTest(store)
{
    private const int UserCount = 10_000;

    [OneTimeSetUp]
    public async Task SeedUsers()
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = DateTimeOffset.UtcNow;
        for (var batch = 0; batch < UserCount / 2_000; batch++)
        {
            for (var i = batch * 2_000; i < (batch + 1) * 2_000; i++)
            {
                var user = new User($"bulk-{i:D5}@example.com", now);
                user.ReplaceEmails([new UserEmail($"bulk-{i:D5}@example.com", "work", primary: true)]);
                db.Users.Add(user);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        // Fresh statistics, as a production database would have, so the planner knows the table is large.
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    [Test]
    public async Task A_user_name_lookup_finds_one_of_ten_thousand_through_the_index()
    {
        var (_, list) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter("userName eq \"BULK-05000@example.com\"") + "&startIndex=1&count=100");

        Assert.That(list!["totalResults"]!.GetValue<int>(), Is.EqualTo(1));
        await AssertUsesIndexAsync("userName eq \"bulk-05000@example.com\"", "IX_Users_NormalizedUserName");
    }

    [Test]
    public async Task A_paged_prefix_listing_reads_through_the_index()
    {
        var (_, page) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter("userName sw \"bulk-0500\"") + "&startIndex=1&count=100");

        Assert.That(page!["totalResults"]!.GetValue<int>(), Is.EqualTo(10));
        await AssertUsesIndexAsync("userName sw \"bulk-0500\"", "IX_Users_NormalizedUserName");
    }

    [Test]
    public async Task A_work_email_lookup_reads_through_the_email_index()
    {
        var (_, list) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter("emails[type eq \"work\"].value eq \"bulk-07777@example.com\""));

        Assert.That(list!["totalResults"]!.GetValue<int>(), Is.EqualTo(1));

        // SQLite's planner runs the EXISTS once per user in page order instead of starting from the e-mail index;
        // the embedded store accepts that, the server store must not.
        if (StoreKind == StoreKind.Postgres)
        {
            await AssertUsesIndexAsync("emails[type eq \"work\"].value eq \"bulk-07777@example.com\"", "IX_UserEmails_NormalizedValue");
        }
    }

    private async Task AssertUsesIndexAsync(string filter, string index)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var plan = await UserListPlans.ExplainAsync(db, StoreKind, filter);

        Assert.Multiple(() =>
        {
            Assert.That(plan, Does.Contain(index), plan);
            Assert.That(plan, Does.Not.Match(@"Seq Scan on ""?Users""?\b|SCAN (u|Users)\b(?! USING)"), "no scan of every user: " + plan);
        });
    }
}
