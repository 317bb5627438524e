using System.ComponentModel.DataAnnotations;

namespace Auth.Api.Federation;

/// <summary>How the service talks to upstream identity providers (<c>Federation:*</c>).</summary>
public sealed class FederationOptions
{
    public const string Section = "Federation";

    /// <summary>How long a person has at the upstream before the sign-in must start again (the state token's lifetime).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "Federation:StateLifetime is between 1 minute and 1 hour.")]
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a call to an upstream (discovery, keys, token, userinfo) may take before it counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00", ErrorMessage = "Federation:BackchannelTimeout is between 1 second and 2 minutes.")]
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How soon discovery is tried again after an upstream did not answer (IdentityModel's own default is 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Federation:DiscoveryRetryInterval is between 1 second and 1 hour.")]
    public TimeSpan DiscoveryRetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
