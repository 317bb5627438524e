using Auth.Application.Concurrency;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>
/// A write PostgreSQL ends to break a deadlock wrote nothing and is made again whole (<see cref="WriteRetry"/>), rather
/// than reaching the edge as a 503. SQLite lets one writer in at a time: there is no deadlock to make there.
/// </summary>
[TestFixture(DatabaseProvider.Postgres)]
public sealed class WriteRetryTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync(provider);

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task A_write_ended_to_break_a_deadlock_is_made_again_and_lands()
    {
        var first = new User($"first-{Guid.NewGuid():N}", Now);
        var second = new User($"second-{Guid.NewGuid():N}", Now);
        await using (var setup = _database.NewContext())
        {
            setup.Users.AddRange(first, second);
            await setup.SaveChangesAsync();
        }

        // Another transaction holds the first user's row.
        await using var other = _database.NewContext();
        await using var otherTransaction = await other.Database.BeginTransactionAsync();
        await other.Users.Where(u => u.Id == first.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "other"));

        // The write takes the second user's row, then waits for the first.
        await using var db = _database.NewContext();
        var attempts = 0;
        var write = WriteRetry.OnFreshDataAsync(db, async () =>
        {
            var attempt = ++attempts;
            await using var transaction = await db.BeginTransactionAsync(CancellationToken.None);
            await db.Users.Where(u => u.Id == second.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "write"));
            await db.Users.Where(u => u.Id == first.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "write"));
            await transaction.CommitAsync(CancellationToken.None);
            return attempt;
        }, CancellationToken.None);
        await WaitForALockWaitAsync(write);

        // The other transaction now asks for the second user's row: a deadlock. The write waited first, so its check
        // runs first (deadlock_timeout after it began to wait) and PostgreSQL ends the write's transaction; the other
        // one gets the row and commits, and the write is made again after it.
        var othersSecond = other.Users.Where(u => u.Id == second.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "other"));
        await othersSecond.WaitAsync(TimeSpan.FromSeconds(30));
        await otherTransaction.CommitAsync();
        var landedOn = await write.WaitAsync(TimeSpan.FromSeconds(30));

        await using var check = _database.NewContext();
        var titles = await check.Users.Where(u => u.Id == first.Id || u.Id == second.Id).Select(u => u.Title).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(landedOn, Is.EqualTo(2), "the first attempt was ended by PostgreSQL, the second landed");
            Assert.That(titles, Is.EqualTo(new[] { "write", "write" }), "the write made again holds on both rows");
        });
    }

    [Test]
    public async Task Inside_an_outer_transaction_a_deadlock_is_not_made_again_but_reaches_its_owner()
    {
        var first = new User($"first-{Guid.NewGuid():N}", Now);
        var second = new User($"second-{Guid.NewGuid():N}", Now);
        await using (var setup = _database.NewContext())
        {
            setup.Users.AddRange(first, second);
            await setup.SaveChangesAsync();
        }

        await using var other = _database.NewContext();
        await using var otherTransaction = await other.Database.BeginTransactionAsync();
        await other.Users.Where(u => u.Id == first.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "other"));

        // The seed file's shape: one transaction its owner began, which the write joins.
        await using var db = _database.NewContext();
        await using var outer = await db.BeginTransactionAsync(CancellationToken.None);
        var attempts = 0;
        var write = WriteRetry.OnFreshDataAsync(db, async () =>
        {
            var attempt = ++attempts;
            await using var transaction = await db.BeginTransactionAsync(CancellationToken.None);
            await db.Users.Where(u => u.Id == second.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "write"));
            await db.Users.Where(u => u.Id == first.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "write"));
            await transaction.CommitAsync(CancellationToken.None);
            return attempt;
        }, CancellationToken.None);
        await WaitForALockWaitAsync(write);

        var othersSecond = other.Users.Where(u => u.Id == second.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "other"));
        var failure = Assert.CatchAsync(async () => await write.WaitAsync(TimeSpan.FromSeconds(30)));
        await othersSecond.WaitAsync(TimeSpan.FromSeconds(30));
        await otherTransaction.CommitAsync();

        Assert.Multiple(() =>
        {
            Assert.That(db.IsDeadlock(failure!), Is.True, failure!.ToString());
            Assert.That(attempts, Is.EqualTo(1), "the outer transaction was ended whole: an attempt in it could only fail again");
        });
    }

    private async Task WaitForALockWaitAsync(Task write)
    {
        await using var watcher = _database.NewContext();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await watcher.Database.SqlQuery<int>(
                   $"""SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""").SingleAsync() == 0)
        {
            Assert.That(write.IsCompleted, Is.False, "the write waits for the row the other transaction holds");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the write never waited for the first user's row");
            await Task.Delay(10);
        }
    }
}
