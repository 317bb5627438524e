using System.ComponentModel.DataAnnotations;

namespace Auth.Api.RateLimiting;

/// <summary>
/// Per client IP, a token bucket (api-spec.md: 60 requests a minute sustained, bursts of 120): 120 tokens, refilled at
/// one a second. Bound from the <c>RateLimiting</c> section.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int BurstLimit { get; set; } = 120;

    [Range(1, 1_000_000)]
    public int TokensPerSecond { get; set; } = 1;

    /// <summary>
    /// Proxies whose X-Forwarded-For is believed (IP addresses). From anyone else the header is ignored, so a client
    /// cannot escape its limit by inventing addresses. Empty by default: not even loopback is trusted.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
