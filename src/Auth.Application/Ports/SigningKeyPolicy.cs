namespace Auth.Application.Ports;

/// <summary>
/// How long a retired signing key stays published. It must cover the longest token lifetime a client
/// can be given, plus the time other nodes take to notice a rotation, plus clock skew.
/// </summary>
public sealed class SigningKeyPolicy
{
    public const string Section = "SigningKeys";

    /// <summary>
    /// Refresh tokens are signed too, so this covers the longest refresh-token lifetime (OAuth:RefreshTokenAbsoluteLifetime,
    /// 30 days by default), not only access tokens; start-up refuses a configuration where it does not.
    /// </summary>
    public TimeSpan MaximumTokenLifetime { get; set; } = TimeSpan.FromDays(31);

    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a rotated key is published before it signs, so every node (which reads the keys every
    /// <see cref="RefreshInterval"/>) and every relying party's cached JWKS has it before its first token. At least
    /// <see cref="RefreshInterval"/>, at most 7 days. Five minutes by default: Microsoft's JWT handlers refetch a JWKS
    /// on an unknown key id at most every five minutes.
    /// </summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsValid =>
        MaximumTokenLifetime > TimeSpan.Zero && RefreshInterval > TimeSpan.Zero && ClockSkew >= TimeSpan.Zero &&
        PublishAhead >= RefreshInterval && PublishAhead <= TimeSpan.FromDays(7);

    public TimeSpan RetiredKeyPublicationTime => MaximumTokenLifetime + RefreshInterval + ClockSkew;
}
