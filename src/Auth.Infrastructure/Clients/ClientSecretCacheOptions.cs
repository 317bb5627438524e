using System.ComponentModel.DataAnnotations;

namespace Auth.Infrastructure.Clients;

/// <summary>How long a verified client secret is remembered in process. Bound from <c>ClientSecretCache</c>.</summary>
public sealed class ClientSecretCacheOptions
{
    public const string Section = "ClientSecretCache";

    /// <summary>Five minutes by default; zero turns the cache off (every request runs the full check).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1_000_000)]
    public int MaximumEntries { get; set; } = 10_000;
}
