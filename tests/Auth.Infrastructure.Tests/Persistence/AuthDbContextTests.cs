using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>
/// What the use cases ask of the database beyond its tables (IAuthDbContext): telling a lost race from a fault by each
/// provider's error codes, and transactions that join an outer one.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class AuthDbContextTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync(provider);

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task A_row_whose_primary_key_is_taken_is_a_unique_violation()
    {
        var name = Unique("REFUSED");
        await using (var first = _database.NewContext())
        {
            first.RefusedSignInNames.Add(new RefusedSignInName(name, Now));
            await first.SaveChangesAsync();
        }

        await using var second = _database.NewContext();
        second.RefusedSignInNames.Add(new RefusedSignInName(name, Now));
        var failure = Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(second.IsUniqueViolation(failure!), Is.True, failure!.InnerException?.Message);
            Assert.That(second.IsMissingReference(failure), Is.False);
            Assert.That(second.IsDeadlock(failure), Is.False, "a refused row is an answer, not a transaction to make again");
        });
    }

    [Test]
    public async Task A_row_a_unique_index_refuses_is_a_unique_violation()
    {
        var userName = Unique("taken");
        await using (var first = _database.NewContext())
        {
            first.Users.Add(new User(userName, Now));
            await first.SaveChangesAsync();
        }

        await using var second = _database.NewContext();
        second.Users.Add(new User(userName.ToUpperInvariant(), Now));
        var failure = Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(second.IsUniqueViolation(failure!), Is.True, failure!.InnerException?.Message);
            Assert.That(second.IsMissingReference(failure), Is.False);
        });
    }

    [Test]
    public async Task A_row_whose_parent_is_gone_is_a_missing_reference()
    {
        await using var db = _database.NewContext();
        db.SessionClients.Add(new SessionClient(Unique("ended-session"), "web", Now));
        var failure = Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(db.IsMissingReference(failure!), Is.True, failure!.InnerException?.Message);
            Assert.That(db.IsUniqueViolation(failure), Is.False);
        });
    }

    [Test]
    public async Task A_save_that_fails_for_another_reason_is_neither()
    {
        await using var db = _database.NewContext();
        db.Users.Add(new User(Unique("other"), Now));
        await using var transaction = await db.Database.BeginTransactionAsync();
        // A table that is not there stands for any fault that is not a lost race: the save must not be taken for one.
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Users" RENAME TO "UsersElsewhere" """);
        var failure = Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Multiple(() =>
        {
            Assert.That(db.IsUniqueViolation(failure!), Is.False, failure!.InnerException?.Message);
            Assert.That(db.IsMissingReference(failure), Is.False);
        });
    }

    [Test]
    public async Task A_transaction_commits_what_the_scope_saved_and_rolls_it_back_when_not_committed()
    {
        var kept = Unique("KEPT");
        var dropped = Unique("DROPPED");
        await using (var db = _database.NewContext())
        {
            await using (var transaction = await db.BeginTransactionAsync(CancellationToken.None))
            {
                db.RefusedSignInNames.Add(new RefusedSignInName(kept, Now));
                await db.SaveChangesAsync();
                await transaction.CommitAsync(CancellationToken.None);
            }

            await using (await db.BeginTransactionAsync(CancellationToken.None))
            {
                db.RefusedSignInNames.Add(new RefusedSignInName(dropped, Now));
                await db.SaveChangesAsync();
            }
        }

        Assert.That(await StoredAsync(kept, dropped), Is.EqualTo(new[] { kept }));
    }

    [Test]
    public async Task A_transaction_begun_inside_another_joins_it_and_leaves_the_commit_to_it()
    {
        var inner = Unique("INNER");
        await using (var db = _database.NewContext())
        {
            await using var outer = await db.BeginTransactionAsync(CancellationToken.None);
            await using (var joined = await db.BeginTransactionAsync(CancellationToken.None))
            {
                db.RefusedSignInNames.Add(new RefusedSignInName(inner, Now));
                await db.SaveChangesAsync();
                await joined.CommitAsync(CancellationToken.None);
            }

            Assert.That(db.Database.CurrentTransaction, Is.Not.Null, "The joined transaction ended the outer one.");
            // The outer transaction is disposed without a commit: the inner commit must not have made the row stick.
        }

        Assert.That(await StoredAsync(inner), Is.Empty);
    }

    [Test]
    public async Task Discarded_changes_are_not_saved_and_the_next_query_reads_the_row_afresh()
    {
        var name = Unique("FRESH");
        await using (var first = _database.NewContext())
        {
            first.RefusedSignInNames.Add(new RefusedSignInName(name, Now));
            await first.SaveChangesAsync();
        }

        await using var db = _database.NewContext();
        var row = await db.RefusedSignInNames.SingleAsync(r => r.NormalizedUserName == name);
        await using (var other = _database.NewContext())
        {
            await other.RefusedSignInNames.Where(r => r.NormalizedUserName == name)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Count, 5L));
        }

        db.RefusedSignInNames.Add(new RefusedSignInName(Unique("UNSAVED"), Now));
        db.DiscardChanges();
        var saved = await db.SaveChangesAsync();
        var reread = await db.RefusedSignInNames.SingleAsync(r => r.NormalizedUserName == name);

        Assert.Multiple(() =>
        {
            Assert.That(saved, Is.Zero);
            Assert.That(reread, Is.Not.SameAs(row));
            Assert.That(reread.Count, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task The_database_answers()
    {
        await using var db = _database.NewContext();

        Assert.That(await db.CanConnectAsync(CancellationToken.None), Is.True);
    }

    private async Task<List<string>> StoredAsync(params string[] names)
    {
        await using var db = _database.NewContext();
        return await db.RefusedSignInNames.Where(r => names.Contains(r.NormalizedUserName)).Select(r => r.NormalizedUserName).ToListAsync();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
