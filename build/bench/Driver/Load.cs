using System.Diagnostics;

namespace Auth.Bench;

/// <summary>A closed loop: each virtual user repeats its operation until the time is up; warm-up runs are not counted.</summary>
internal static class Load
{
    public static async Task<(Latencies Latencies, double PerSecond)> RunAsync(int virtualUsers, TimeSpan warmUp, TimeSpan duration, Func<int, Task> operation)
    {
        await Loop(virtualUsers, warmUp, operation, new Latencies());
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        await Loop(virtualUsers, duration, operation, latencies);
        return (latencies, latencies.Count / watch.Elapsed.TotalSeconds);
    }

    private static Task Loop(int virtualUsers, TimeSpan duration, Func<int, Task> operation, Latencies latencies)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, virtualUsers).Select(vu => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(vu);
                    latencies.Add(Stopwatch.GetElapsedTime(start));
                }
                catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    latencies.Fail();
                    if (latencies.Errors <= 3)
                    {
                        Console.Error.WriteLine($"[driver] {ex.Message}");
                    }
                }
            }
        })));
    }

    public static TimeSpan Seconds(Arguments args, string name, double fallback) => TimeSpan.FromSeconds(args.Double(name, fallback));
}
