using System.ComponentModel.DataAnnotations;

namespace Auth.Api.Observability;

/// <summary>Who may read /metrics. Bound from the <c>Metrics</c> section.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose connections may read /metrics; everyone else gets 404. Empty (the
    /// default) means loopback only. The connection's own address is checked, never X-Forwarded-For.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>The networks in force: the configured ones, or loopback when none is configured.</summary>
    public IReadOnlyList<System.Net.IPNetwork> EffectiveNetworks() =>
        (AllowedNetworks.Count > 0 ? AllowedNetworks : ["127.0.0.0/8", "::1/128"]).Select(n => System.Net.IPNetwork.Parse(n)).ToList();

    /// <summary>
    /// When set, /metrics is served only on this port (the service listens on it too, on every address the main URLs
    /// use), so a load balancer that forwards only the main port never exposes it.
    /// </summary>
    [Range(1, 65535)]
    public int? Port { get; set; }
}
