using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Bench;

/// <summary>One measured number, written as a JSON line that bench.sh appends to the run's results.jsonl.</summary>
/// <remarks>A scenario in which nothing succeeded has NaN latencies: written as "NaN" (plain JSON has no such number), shown as – in the report.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
internal sealed record Measurement(
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string Unit)
{
    [JsonPropertyName("p50_ms")]
    public double? P50Ms { get; init; }

    [JsonPropertyName("p99_ms")]
    public double? P99Ms { get; init; }

    [JsonPropertyName("errors")]
    public long Errors { get; init; }

    [JsonPropertyName("note")]
    public string? Note { get; init; }

    public void Print() => Console.WriteLine(JsonSerializer.Serialize(this));
}

/// <summary>Latencies of one scenario, gathered by several virtual users at once.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private long _errors;

    public long Count { get { lock (_milliseconds) { return _milliseconds.Count; } } }

    public long Errors => Interlocked.Read(ref _errors);

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public void Fail() => Interlocked.Increment(ref _errors);

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _milliseconds.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }
}
