using System.ComponentModel.DataAnnotations;

namespace Auth.Application.RateLimiting;

/// <summary>A token bucket's size and refill rate.</summary>
public class TokenBucketLimit
{
    public int BurstLimit { get; set; } = 120;

    public double TokensPerSecond { get; set; } = 1;

    internal IEnumerable<ValidationResult> Problems(string name)
    {
        if (BurstLimit is < 1 or > 1_000_000)
        {
            yield return new ValidationResult($"{name}: BurstLimit must be between 1 and 1000000.");
        }

        if (TokensPerSecond is < 0.001 or > 1_000_000)
        {
            yield return new ValidationResult($"{name}: TokensPerSecond must be between 0.001 and 1000000.");
        }
    }
}
