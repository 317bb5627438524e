using System.ComponentModel.DataAnnotations;

namespace Auth.Infrastructure.IdentityProviders;

/// <summary>How often every node reads the identity providers again (<c>IdentityProviders:RefreshInterval</c>).</summary>
public sealed class IdentityProviderCatalogOptions
{
    public const string Section = "IdentityProviders";

    /// <summary>A provider added, changed or removed by the command line or another node counts here within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "IdentityProviders:RefreshInterval is between 1 second and 1 day.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
