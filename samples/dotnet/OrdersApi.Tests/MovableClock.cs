namespace OrdersApi.Tests;

/// <summary>The orders API's clock in the tests: the real time plus an offset the test keeps equal to the identity server's.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
