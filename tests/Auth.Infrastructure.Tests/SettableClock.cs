namespace Auth.Infrastructure.Tests;

/// <summary>A clock a test sets by hand; timers still run on the machine's clock.</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
