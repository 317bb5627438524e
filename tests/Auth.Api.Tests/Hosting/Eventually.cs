namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Waits for what happens just after a request or an event: a background writer's batch, a key reload on another
/// node, a reconnect, an exporter's next scrape. Reads every 100 ms until the condition holds or the time is up.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The first value read that meets the condition, or the last one read when time ran out (for the assertion to show).</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow >= deadline)
            {
                return value;
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Whether the condition came to hold within the time.</summary>
    public static Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan within) => ReadAsync(condition, held => held, within);

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan within) => HoldsAsync(() => Task.FromResult(condition()), within);
}
