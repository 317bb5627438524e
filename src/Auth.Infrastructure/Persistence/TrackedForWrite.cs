using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// The counterpart of <see cref="DetachedCopy{T}"/> for writes: the catalogs hand out untracked copies, and OpenIddict
/// validates a write against a tracked read of the same row, which a copy would collide with.
/// </summary>
internal static class TrackedForWrite
{
    private const string ConcurrencyToken = "ConcurrencyToken";

    /// <summary>
    /// The entity this context tracks for <paramref name="entity"/>: itself when tracked, else the row
    /// <paramref name="readTracked"/> reads, with the copy's values carried over and the concurrency token the copy was
    /// read at, so that a change made meanwhile still fails the write. Itself again when the row is gone.
    /// </summary>
    public static async ValueTask<T> OfAsync<T>(AuthDbContext db, T entity, Func<ValueTask<T?>> readTracked)
        where T : class
    {
        var entry = db.Entry(entity);
        if (entry.State != EntityState.Detached || await readTracked() is not { } tracked)
        {
            return entity;
        }

        var trackedEntry = db.Entry(tracked);
        trackedEntry.CurrentValues.SetValues(entity);
        trackedEntry.Property(ConcurrencyToken).OriginalValue = entry.Property(ConcurrencyToken).CurrentValue;
        return tracked;
    }
}
