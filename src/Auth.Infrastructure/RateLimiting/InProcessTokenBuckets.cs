using System.Collections.Concurrent;
using Auth.Application.Ports;
using Auth.Application.RateLimiting;

namespace Auth.Infrastructure.RateLimiting;

/// <summary>
/// The buckets in this process's memory, with the same arithmetic as <see cref="TokenBucketScript"/>: each node
/// enforces the limits on its own.
/// </summary>
public sealed class InProcessTokenBuckets(TimeProvider clock) : ITokenBuckets
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _charging = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public ValueTask<BucketVerdict> TakeAsync(IReadOnlyList<BucketRequest> buckets, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        SweepFullBuckets(now);

        // One lock for the whole charge keeps "all or none" simple; the work under it is a few additions.
        lock (_charging)
        {
            var levels = new double[buckets.Count];
            string? refusedBy = null;
            var retryAfter = TimeSpan.Zero;
            for (var i = 0; i < buckets.Count; i++)
            {
                var request = buckets[i];
                levels[i] = _buckets.TryGetValue(Key(request), out var bucket) ? bucket.LevelAt(now, request) : request.BurstLimit;
                if (levels[i] < 1)
                {
                    refusedBy ??= request.Policy;
                    var wait = TimeSpan.FromSeconds((1 - levels[i]) / request.TokensPerSecond);
                    retryAfter = wait > retryAfter ? wait : retryAfter;
                }
            }

            if (refusedBy is not null)
            {
                return ValueTask.FromResult(new BucketVerdict(BucketOutcome.Limited, refusedBy, retryAfter));
            }

            for (var i = 0; i < buckets.Count; i++)
            {
                _buckets[Key(buckets[i])] = new Bucket(levels[i] - 1, now, now + buckets[i].TimeToFull);
            }
        }

        return ValueTask.FromResult(BucketVerdict.Allowed);
    }

    public ValueTask<bool> ProbeAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    private static string Key(BucketRequest request) => $"{request.Policy}:{request.Key}";

    /// <summary>A bucket that has filled up again is the same as none: forget it, so memory follows the active clients.</summary>
    private void SweepFullBuckets(DateTimeOffset now)
    {
        lock (_charging)
        {
            if (now < _nextSweep)
            {
                return;
            }

            _nextSweep = now + SweepInterval;
            foreach (var (key, bucket) in _buckets)
            {
                if (bucket.FullAt <= now)
                {
                    _buckets.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed record Bucket(double Tokens, DateTimeOffset UpdatedAt, DateTimeOffset FullAt)
    {
        public double LevelAt(DateTimeOffset now, BucketRequest request)
        {
            var elapsed = Math.Max(0, (now - UpdatedAt).TotalSeconds);
            return Math.Min(request.BurstLimit, Tokens + (elapsed * request.TokensPerSecond));
        }
    }
}
