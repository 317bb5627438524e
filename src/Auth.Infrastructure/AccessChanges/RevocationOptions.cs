using System.ComponentModel.DataAnnotations;

namespace Auth.Infrastructure.AccessChanges;

public sealed class RevocationOptions
{
    public const string Section = "Revocation";

    /// <summary>
    /// How often each node reads changes it was not told about (a lost PostgreSQL notification, a write by the
    /// command line). Every change reaches every node within this interval plus one read.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The most single-token revocations held at once (about 160 bytes each in memory, measured: 1,000,000 ≈ 160 MB). Past it, revoking one more
    /// access token cuts off every token of its client issued until then: fails closed, logged and counted.
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int MaximumEntries { get; set; } = 1_000_000;
}
