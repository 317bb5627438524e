using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Concurrency;

/// <summary>
/// A write that lost a race on a version (a concurrency token: a directory's change to a user or to one of their groups,
/// a sign-in counting a password, another operator) saved nothing: it is read and made again on the fresh rows, as
/// whoever asked for it asked whatever the version. Each attempt reads anew, so what it decides (already disabled,
/// already a member) is decided on what is there now. After <see cref="MaxAttempts"/> the last attempt's outcome
/// stands: its exception reaches the edge, which answers 409, or its result is returned. A write the client made
/// conditional (If-Match) is not retried: its 412 stands. A transaction the database ended to break a deadlock is
/// made again the same way: it wrote nothing. Inside a transaction the write joins (the seed file's), a lost race is
/// made again on the rows as that transaction reads them now (EF Core rolled the failed save back to its savepoint), and
/// what the losing attempt wrote in SQL before it stays: such a write writes nothing it could not write twice (a version
/// raised once more). A deadlock there is not made again: the outer transaction still holds what it took before, or
/// was ended whole, so the deadlock reaches the caller, who owns that transaction.
/// </summary>
public static class WriteRetry
{
    public const int MaxAttempts = 10;

    /// <param name="lostRace">
    /// For a write that reports a lost race in its result rather than by throwing <see cref="DbUpdateConcurrencyException"/>.
    /// </param>
    public static async Task<T> OnFreshDataAsync<T>(IAuthDbContext db, Func<Task<T>> write, CancellationToken cancellationToken, Func<T, bool>? lostRace = null)
    {
        var joined = db.InTransaction;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await write();
                if (attempt == MaxAttempts || lostRace is null || !lostRace(result))
                {
                    return result;
                }
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
            }
            catch (Exception exception) when (attempt < MaxAttempts && !joined && db.IsDeadlock(exception))
            {
                // PostgreSQL chose this transaction to end a deadlock; the other one went on, and this one is made again.
            }

            // A few milliseconds apart, at random, so that writers who lost together do not meet again at once.
            db.DiscardChanges();
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
    }
}
