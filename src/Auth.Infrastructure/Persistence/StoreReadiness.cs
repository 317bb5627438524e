namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Whether background work may use the store yet. Open unless a start holds it: an ephemeral start runs the host
/// beside the store's preparation and holds it until the seed is in, so that the hosted services' first database
/// work (the audit writer's first batch, the change feed's catch-up, the logout notices' first round) comes after the
/// first request can be answered rather than competing with the preparation for the two cores (docs/performance.md,
/// ephemeral start-up). Any other start prepares the store before the host starts, and never holds it.
/// </summary>
public sealed class StoreReadiness
{
    private TaskCompletionSource? _held;

    /// <summary>Closes the gate until <see cref="Release"/>; called before the host starts.</summary>
    public void Hold() =>
        Interlocked.CompareExchange(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Opens the gate for good, once the store is prepared (a failed preparation stops the host instead, which cancels the waits).</summary>
    public void Release() => Volatile.Read(ref _held)?.TrySetResult();

    /// <summary>Completes at once when the gate is open, else when it opens or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _held) is { Task: { IsCompleted: false } held } ? held.WaitAsync(cancellationToken) : Task.CompletedTask;
}
