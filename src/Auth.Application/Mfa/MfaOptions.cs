namespace Auth.Application.Mfa;

/// <summary>Second-factor settings, bound from the <c>Mfa</c> configuration section.</summary>
public sealed class MfaOptions
{
    public const string Section = "Mfa";

    /// <summary>The issuer name authenticator apps show next to the account.</summary>
    public string Issuer { get; set; } = "Auth";

    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int RecoveryCodeCount { get; set; } = 10;

    /// <summary>
    /// How recent the user's sign-in (the access token's <c>auth_time</c>) must be for the MFA API to enrol, confirm,
    /// replace or remove an authenticator, or hand out new recovery codes (RFC 9470).
    /// </summary>
    public TimeSpan RecentSignInWindow { get; set; } = TimeSpan.FromMinutes(10);
}
