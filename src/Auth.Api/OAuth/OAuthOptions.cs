using System.ComponentModel.DataAnnotations;

namespace Auth.Api.OAuth;

/// <summary>OAuth server settings bound from the <c>OAuth</c> section.</summary>
public sealed class OAuthOptions
{
    public const string Section = "OAuth";

    /// <summary>
    /// The issuer identifier (RFC 8414 §2). Fixed by configuration so that the Host or X-Forwarded-Host of a
    /// request can never change what discovery and tokens say.
    /// </summary>
    [Required]
    public Uri Issuer { get; set; } = new("http://localhost:3001/");

    /// <summary>Default access-token lifetime; a client's own setting wins.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
