using System.ComponentModel.DataAnnotations;

namespace Auth.Application.Audit;

/// <summary>How long audit records are kept and how the writer batches them. Bound from the <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Records older than this are deleted; 90 days by default.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records waiting for the database at most; beyond it new records go to the log only (and are counted).</summary>
    [Range(100, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Records written per database round trip at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
