namespace Auth.Api.Tests.Hosting;

/// <summary>
/// The system clock plus an offset tests can move forward, so expiry is tested without sleeping; or, for a test that
/// needs to know the exact moment something happens, a stopped clock that moves only when the test moves it.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;
    private long _stoppedAtTicks;

    public override DateTimeOffset GetUtcNow()
    {
        var stoppedAt = Interlocked.Read(ref _stoppedAtTicks);
        var now = stoppedAt == 0 ? base.GetUtcNow() : new DateTimeOffset(stoppedAt, TimeSpan.Zero);
        return now.AddTicks(Interlocked.Read(ref _offsetTicks));
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Stops the clock at <paramref name="at"/> until <see cref="Reset"/>; <see cref="Advance"/> still moves it.</summary>
    public void StopAt(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _offsetTicks, 0);
        Interlocked.Exchange(ref _stoppedAtTicks, at.UtcTicks);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _stoppedAtTicks, 0);
        Interlocked.Exchange(ref _offsetTicks, 0);
    }
}
