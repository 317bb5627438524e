namespace Auth.Application.RateLimiting;

/// <summary>
/// A per-IP bucket for the paths under <see cref="PathPrefix"/>, counted apart from the default bucket. Its
/// <see cref="Name"/> is the policy name in keys, logs and metrics.
/// </summary>
public sealed class EndpointRateLimit : TokenBucketLimit
{
    public string Name { get; set; } = string.Empty;

    public string PathPrefix { get; set; } = string.Empty;
}
