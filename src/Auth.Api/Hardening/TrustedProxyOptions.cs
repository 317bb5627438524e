using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Auth.Api.Hardening;

/// <summary>
/// The proxies in front of the service, bound from the <c>ForwardedHeaders</c> section: only a connection from one of
/// them may say, in <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, who the client is and whether it used HTTPS.
/// The rate limiter's client address, the audit log's address and the request scheme all come from this one list.
/// Empty by default: not even loopback is trusted, and both headers are ignored.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>The older name of <see cref="TrustedProxies"/>, from when only the rate limiter read the header; still read.</summary>
    public const string LegacyProxiesKey = "RateLimiting:TrustedProxies";

    /// <summary>IP addresses of trusted proxies.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>CIDR networks of trusted proxies (<c>10.0.0.0/8</c>), for proxies whose addresses change.</summary>
    public List<string> TrustedNetworks { get; set; } = [];

    public bool TrustsAnyProxy => TrustedProxies.Count > 0 || TrustedNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:TrustedProxies: '{proxy}' is not an IP address.");
        }

        foreach (var network in TrustedNetworks)
        {
            if (!IPNetwork.TryParse(network, out var parsed))
            {
                yield return new ValidationResult($"ForwardedHeaders:TrustedNetworks: '{network}' is not a CIDR network such as 10.0.0.0/8.");
            }
            else if (parsed.PrefixLength == 0)
            {
                // Trusting every address would let any client name its own address and scheme.
                yield return new ValidationResult($"ForwardedHeaders:TrustedNetworks: '{network}' trusts every address; name the proxies' network.");
            }
        }
    }
}
