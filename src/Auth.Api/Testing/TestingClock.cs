namespace Auth.Api.Testing;

/// <summary>
/// Ephemeral mode's clock: the system clock plus an offset a test suite moves through <c>POST /testing/clock</c>. It is
/// the service's one <see cref="TimeProvider"/>, so OpenIddict (code, token and refresh lifetimes), sessions, lockouts
/// and every use case see the same time.
/// </summary>
public sealed class TestingClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}
