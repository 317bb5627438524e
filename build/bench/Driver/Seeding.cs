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
        new Measurement(args.Text("store"), "scim_seed_users", count / watch.Elapsed.TotalSeconds, "users/s")
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"{count:N0} users with one e-mail each in {watch.Elapsed.TotalSeconds:F1} s (EF Core AddRange, batches of {BatchSize:N0})"),
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

    private static AuthDbContext Open(Arguments args)
    {
        var connection = args.Text("connection");
        return args.Text("store") == "postgres"
            ? new PostgresAuthDbContext(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql(connection).Options)
            : new SqliteAuthDbContext(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(connection).Options);
    }
}
