namespace Auth.Application.RateLimiting;

/// <summary>One token to take from the bucket <paramref name="Key"/> of <paramref name="Policy"/>.</summary>
public sealed record BucketRequest(string Policy, string Key, int BurstLimit, double TokensPerSecond)
{
    public BucketRequest(string policy, string key, TokenBucketLimit limit)
        : this(policy, key, limit.BurstLimit, limit.TokensPerSecond)
    {
    }

    /// <summary>How long an untouched bucket takes to fill up again; after that it need not be kept.</summary>
    public TimeSpan TimeToFull => TimeSpan.FromSeconds(BurstLimit / TokensPerSecond);
}
