using System.Diagnostics;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Compares how long several kinds of request take, to show that response time does not tell them apart.
/// <paramref name="timeOne"/> sends one request of the kind it is given and returns the milliseconds it took.
/// One measurement interleaves the kinds round by round and compares their medians. A shared machine sometimes
/// stalls for a whole stretch of one kind, so a measurement whose medians differ by more than the bound is taken
/// again, up to <c>attempts</c> times: a real difference (a path that skips the password hash is several times
/// faster) shows in every measurement, noise does not.
/// </summary>
public static class ResponseTimes
{
    public static async Task AssertIndistinguishableAsync(
        string[] kinds, Func<int, Task<double>> timeOne, int rounds, double bound, int attempts = 3)
    {
        var report = new List<string>();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var medians = await MeasureMediansAsync(kinds.Length, timeOne, rounds);
            var ratio = medians.Max() / medians.Min();
            report.Add($"attempt {attempt + 1}: " + string.Join(", ", kinds.Select((kind, i) => $"{kind} {medians[i]:0.00} ms")) + $" (ratio {ratio:0.00})");
            await TestContext.Out.WriteLineAsync(report[^1]);
            if (ratio < bound)
            {
                return;
            }
        }

        Assert.Fail($"median response times differ by more than {bound}x in every measurement:\n" + string.Join("\n", report));
    }

    /// <summary>Milliseconds <paramref name="action"/> took.</summary>
    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double[]> MeasureMediansAsync(int kinds, Func<int, Task<double>> timeOne, int rounds)
    {
        var samples = Enumerable.Range(0, kinds).Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var kind = 0; kind < kinds; kind++)
            {
                samples[kind].Add(await timeOne(kind));
            }
        }

        return samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
    }
}
