namespace Auth.Application.RateLimiting;

/// <summary>
/// What taking tokens from a request's buckets gave: all taken, or refused by <see cref="Policy"/> for
/// <see cref="RetryAfter"/>, or no answer because the shared store is down and the failure mode is closed.
/// </summary>
public sealed record BucketVerdict(BucketOutcome Outcome, string? Policy, TimeSpan RetryAfter)
{
    public static readonly BucketVerdict Allowed = new(BucketOutcome.Allowed, null, TimeSpan.Zero);
}

public enum BucketOutcome
{
    Allowed,
    Limited,
    Unavailable,
}
