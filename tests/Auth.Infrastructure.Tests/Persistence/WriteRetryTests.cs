using Auth.Application.Concurrency;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
        await using var crossing = await Crossing.PrepareAsync(_database);

        // The write takes the second user's row, then waits for the first, which the other transaction holds.
        await using var db = _database.NewContext();
        var write = crossing.WriteAsync(db);
        await crossing.WaitForTheWriteToWaitAsync(write);

        // The other transaction now asks for the second user's row: a deadlock. The write waited first, so its check
        // runs first (deadlock_timeout after it began to wait) and PostgreSQL ends the write's transaction; the other
        // one gets the row and commits, and the write is made again after it.
        await crossing.OtherTakesTheSecondAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await crossing.OtherCommitsAsync();
        var landedOn = await write.WaitAsync(TimeSpan.FromSeconds(30));

        var titles = await crossing.TitlesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(landedOn, Is.EqualTo(2), "the first attempt was ended by PostgreSQL, the second landed");
            Assert.That(titles, Is.EqualTo(new[] { "write", "write" }), "the write made again holds on both rows");
        });
    }

    [Test]
    public async Task Inside_an_outer_transaction_a_deadlock_is_not_made_again_but_reaches_its_owner()
    {
        await using var crossing = await Crossing.PrepareAsync(_database);

        // The seed file's shape: one transaction its owner began, which the write joins.
        await using var db = _database.NewContext();
        await using var outer = await db.BeginTransactionAsync(CancellationToken.None);
        var write = crossing.WriteAsync(db);
        await crossing.WaitForTheWriteToWaitAsync(write);

        var othersSecond = crossing.OtherTakesTheSecondAsync();
        var failure = Assert.CatchAsync(async () => await write.WaitAsync(TimeSpan.FromSeconds(30)));
        await othersSecond.WaitAsync(TimeSpan.FromSeconds(30));
        await crossing.OtherCommitsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(db.IsDeadlock(failure!), Is.True, failure!.ToString());
            Assert.That(crossing.Attempts, Is.EqualTo(1), "the outer transaction was ended whole: an attempt in it could only fail again");
        });
    }

    /// <summary>
    /// Two users; another transaction holding the first one's row; a write (through <see cref="WriteRetry"/>) that takes
    /// the second's row, then the first's. When the other transaction asks for the second's, the two wait for each other.
    /// </summary>
    private sealed class Crossing : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly User _first = new($"first-{Guid.NewGuid():N}", Now);
        private readonly User _second = new($"second-{Guid.NewGuid():N}", Now);
        private readonly AuthDbContext _other;
        private IDbContextTransaction? _otherTransaction;

        private Crossing(TestDatabase database)
        {
            _database = database;
            _other = database.NewContext();
        }

        public int Attempts { get; private set; }

        public static async Task<Crossing> PrepareAsync(TestDatabase database)
        {
            var crossing = new Crossing(database);
            await using (var setup = database.NewContext())
            {
                setup.Users.AddRange(crossing._first, crossing._second);
                await setup.SaveChangesAsync();
            }

            crossing._otherTransaction = await crossing._other.Database.BeginTransactionAsync();
            await crossing._other.Users.Where(u => u.Id == crossing._first.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "other"));
            return crossing;
        }

        /// <returns>The attempt that landed.</returns>
        public Task<int> WriteAsync(AuthDbContext db) => WriteRetry.OnFreshDataAsync(db, async () =>
        {
            var attempt = ++Attempts;
            await using var transaction = await db.BeginTransactionAsync(CancellationToken.None);
            await db.Users.Where(u => u.Id == _second.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "write"));
            await db.Users.Where(u => u.Id == _first.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "write"));
            await transaction.CommitAsync(CancellationToken.None);
            return attempt;
        }, CancellationToken.None);

        public Task<int> OtherTakesTheSecondAsync() =>
            _other.Users.Where(u => u.Id == _second.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Title, "other"));

        public Task OtherCommitsAsync() => _otherTransaction!.CommitAsync();

        public async Task<List<string?>> TitlesAsync()
        {
            await using var check = _database.NewContext();
            return await check.Users.Where(u => u.Id == _first.Id || u.Id == _second.Id).Select(u => u.Title).ToListAsync();
        }

        public async Task WaitForTheWriteToWaitAsync(Task write)
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

        public async ValueTask DisposeAsync()
        {
            if (_otherTransaction is not null)
            {
                await _otherTransaction.DisposeAsync();
            }

            await _other.DisposeAsync();
        }
    }
}
