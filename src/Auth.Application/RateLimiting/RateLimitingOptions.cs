using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Auth.Application.RateLimiting;

/// <summary>
/// Per client IP, a token bucket (docs/operations.md, "Rate limiting": 60 requests a minute sustained, bursts of 120): 120 tokens, refilled at
/// one a second; per-endpoint overrides and a per-client bucket on the token endpoint. The buckets live in Redis when
/// <see cref="Redis"/> is set, so every node enforces one limit, and in process otherwise. Bound from the
/// <c>RateLimiting</c> section.
/// </summary>
public sealed partial class RateLimitingOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    /// <summary>The policy name of the default per-IP bucket.</summary>
    public const string IpPolicy = "ip";

    /// <summary>The policy name of the per-client bucket on the token endpoint.</summary>
    public const string ClientPolicy = "client";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int BurstLimit { get; set; } = 120;

    [Range(0.001, 1_000_000)]
    public double TokensPerSecond { get; set; } = 1;

    /// <summary>
    /// IPv6 clients share a bucket per network of this many leading bits (<see cref="ClientNetwork"/>); IPv4 clients
    /// have one each. Which address is the client's is the forwarded-headers setting's business, not this section's.
    /// </summary>
    [Range(32, 128)]
    public int IPv6PrefixLength { get; set; } = ClientNetwork.DefaultIPv6PrefixLength;

    /// <summary>Per-IP buckets of their own for paths under a prefix, in place of the default one.</summary>
    public List<EndpointRateLimit> Endpoints { get; set; } = [];

    /// <summary>A bucket per client_id on POST /oauth/token, on top of the per-IP one. Null: none.</summary>
    public TokenBucketLimit? TokenEndpointPerClient { get; set; }

    /// <summary>A StackExchange.Redis connection string (<c>host:port,password=…</c>). Null: buckets in process.</summary>
    public string? Redis { get; set; }

    /// <summary>Prepended to every Redis key (<c>{prefix}{policy}:{key}</c>).</summary>
    [Required]
    public string RedisKeyPrefix { get; set; } = "auth:rl:";

    /// <summary>What happens to requests while Redis does not answer.</summary>
    public RedisFailureMode RedisFailureMode { get; set; } = RedisFailureMode.Open;

    /// <summary>How long a request waits for Redis (connect and each call) before Redis counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    public bool UsesRedis => Enabled && !string.IsNullOrWhiteSpace(Redis);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { IpPolicy, ClientPolicy };
        foreach (var endpoint in Endpoints)
        {
            if (!PolicyName().IsMatch(endpoint.Name) || !names.Add(endpoint.Name))
            {
                yield return new ValidationResult(
                    $"RateLimiting:Endpoints: the name '{endpoint.Name}' must be unique, lower-case letters, digits, '-' or '_', and neither 'ip' nor 'client'.");
            }

            if (!endpoint.PathPrefix.StartsWith('/'))
            {
                yield return new ValidationResult($"RateLimiting:Endpoints: the path prefix of '{endpoint.Name}' must start with '/'.");
            }

            foreach (var problem in endpoint.Problems($"RateLimiting:Endpoints:{endpoint.Name}"))
            {
                yield return problem;
            }
        }

        foreach (var problem in TokenEndpointPerClient?.Problems("RateLimiting:TokenEndpointPerClient") ?? [])
        {
            yield return problem;
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex PolicyName();
}
