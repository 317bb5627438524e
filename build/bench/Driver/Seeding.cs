using System.Diagnostics;
using System.Globalization;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Auth.Bench;

/// <summary>
/// Users written straight into the service's database through its own EF Core context and the domain constructor,
/// so the normalized columns are what the service itself would write. The service must have migrated the database.
/// </summary>
internal static class Seeding
{
    private const int BatchSize = 5_000;

    /// <summary>SCIM users bench-user-000000 … without passwords, one e-mail each.</summary>
    public static async Task<int> ScimUsersAsync(Arguments args)
    {
        var count = args.Int("count", 100_000);
        var watch = Stopwatch.StartNew();
        await InsertAsync(args, count, i =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"bench-user-{i:D6}");
            var user = new User(name, DateTimeOffset.UtcNow) { DisplayName = $"Bench User {i}", GivenName = "Bench", FamilyName = $"User{i}" };
            user.ReplaceEmails([new UserEmail($"{name}@example.com", "work", primary: true)]);
            return user;
        });
        var seconds = watch.Elapsed.TotalSeconds;
        await AnalyzeAsync(args);
        new Measurement(args.Text("store"), "scim_seed_users", count / seconds, "users/s")
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"{count:N0} users with one e-mail each in {seconds:F1} s (EF Core AddRange, batches of {BatchSize:N0}; then ANALYZE on PostgreSQL, not timed)"),
        }.Print();
        return 0;
    }

    /// <summary>Users PREFIX000 … who can sign in, all with the same password (hashed once: the hash carries its salt).</summary>
    public static async Task<int> SignInUsersAsync(Arguments args)
    {
        var hash = new Pbkdf2PasswordHasher().Hash(args.Text("password"));
        var prefix = args.Text("prefix");
        await InsertAsync(args, args.Int("count", 100), i =>
        {
            var user = new User(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D3}"), DateTimeOffset.UtcNow);
            user.SetPasswordHash(hash, DateTimeOffset.UtcNow);
            return user;
        });
        await AnalyzeAsync(args);
        return 0;
    }

    private static async Task InsertAsync(Arguments args, int count, Func<int, User> create)
    {
        for (var start = 0; start < count; start += BatchSize)
        {
            await using var db = Open(args);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Users.AddRange(Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(create));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// On PostgreSQL, the statistics autovacuum would gather within a minute of a bulk load. The bench queries the
    /// users seconds after writing them, and until the first ANALYZE the planner takes the never-analyzed Users table
    /// (its rows wider than a page by the declared column lengths) for a single row: a SCIM userName lookup then read
    /// every user in id order, 40–100 ms of database CPU instead of about 1 (docs/performance.md, "SCIM userName eq").
    /// SQLite gathers no statistics by itself, so its database is left as a deployment would have it.
    /// </summary>
    private static async Task AnalyzeAsync(Arguments args)
    {
        if (args.Text("store") != "postgres")
        {
            return;
        }

        await using var db = Open(args);
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"Users\", \"UserEmails\"");
    }

    private static AuthDbContext Open(Arguments args)
    {
        var connection = args.Text("connection");
        return args.Text("store") == "postgres"
            ? new PostgresAuthDbContext(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(connection).Options)
            : new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(connection).Options);
    }
}
