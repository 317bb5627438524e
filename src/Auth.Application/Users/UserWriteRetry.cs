using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// A write to a user that lost a race on the user's version (a concurrency token: a directory's change to the user or
/// to one of their groups, a sign-in counting a password, another operator) saved nothing: it is read and made again on
/// the fresh row, as the operator or the user asked for it whatever the version. Each attempt reads the user anew, so
/// what it decides (already disabled, already unlocked) is decided on what is there now. After
/// <see cref="MaxAttempts"/> the last failure reaches the edge, which answers 409.
/// </summary>
public static class UserWriteRetry
{
    public const int MaxAttempts = 10;

    public static async Task<T> OnFreshDataAsync<T>(IAuthDbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // A few milliseconds apart, at random, so that writers who lost together do not meet again at once.
                db.DiscardChanges();
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }
}
