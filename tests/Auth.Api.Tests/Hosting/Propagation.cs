using System.Diagnostics;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// How long a change takes to be refused where it was not made (on another node, or on any node after a change by
/// the command line): from the moment the change was acknowledged, every probe is asked every 10 ms until it refuses
/// the token, for at most <see cref="Limit"/>; the time is when the first refused request was sent. Each time goes to the test output as "propagation …"; the bench's
/// propagation row measures the same way.
/// </summary>
public static class Propagation
{
    /// <summary>Issue #15: on every other node, and after a command-line change, within 1 second.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>A moment to measure from: take it as soon as the change's response (or the command's exit) has arrived.</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>
    /// Per probe, the time from <paramref name="acknowledged"/> to the sending of the first request it refused (the
    /// moment from which the node is known to refuse, whatever the request's own latency on a loaded machine); null
    /// when every request sent within the limit was accepted. The waiting probes are asked together each round.
    /// </summary>
    public static async Task<IReadOnlyList<(string Probe, TimeSpan? Refused)>> MeasureAsync(string change, long acknowledged, IEnumerable<TokenProbe> probes)
    {
        var waiting = probes.ToList();
        var times = new List<(string Probe, TimeSpan? Refused)>();
        while (waiting.Count > 0 && Stopwatch.GetElapsedTime(acknowledged) <= Limit)
        {
            var round = await Task.WhenAll(waiting.Select(async probe =>
            {
                var sent = Stopwatch.GetElapsedTime(acknowledged);
                return (Probe: probe, Sent: sent, Accepted: await probe.IsAcceptedAsync());
            }));
            foreach (var (probe, sent, _) in round.Where(r => !r.Accepted))
            {
                times.Add((probe.Name, sent));
                waiting.Remove(probe);
            }

            await Task.Delay(Interval);
        }

        times.AddRange(waiting.Select(probe => (probe.Name, (TimeSpan?)null)));
        foreach (var (probe, refused) in times)
        {
            TestContext.Out.WriteLine(refused is { } time
                ? $"propagation {change}, {probe}: {time.TotalMilliseconds:F0} ms"
                : $"propagation {change}, {probe}: still accepted after {Limit.TotalMilliseconds:F0} ms");
        }

        return times;
    }

    /// <summary>Measures, then asserts that every probe refused the token within <see cref="Limit"/>.</summary>
    public static async Task AssertRefusedWithinLimitAsync(string change, long acknowledged, IEnumerable<TokenProbe> probes)
    {
        var times = await MeasureAsync(change, acknowledged, probes);
        Assert.That(Late(times), Is.Empty,
            $"{change}: still accepted {Limit.TotalMilliseconds:F0} ms after the change");
    }

    /// <summary>The probes that did not refuse within <see cref="Limit"/>.</summary>
    public static IEnumerable<string> Late(IEnumerable<(string Probe, TimeSpan? Refused)> times) =>
        times.Where(t => t.Refused is null || t.Refused > Limit).Select(t => t.Probe);
}
