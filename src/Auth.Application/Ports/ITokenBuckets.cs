using Auth.Application.RateLimiting;

namespace Auth.Application.Ports;

/// <summary>Where the rate-limit token buckets live: in process, or in Redis shared by every node.</summary>
public interface ITokenBuckets
{
    /// <summary>
    /// Takes one token from each bucket, all or none: when any bucket is empty, none is charged and the verdict names
    /// the first empty one.
    /// </summary>
    ValueTask<BucketVerdict> TakeAsync(IReadOnlyList<BucketRequest> buckets, CancellationToken cancellationToken);

    /// <summary>Whether the store answers now (always true in process). Updates <see cref="RedisRateLimitStatus"/>.</summary>
    ValueTask<bool> ProbeAsync(CancellationToken cancellationToken);
}
