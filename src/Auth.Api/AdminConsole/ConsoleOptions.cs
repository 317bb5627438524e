namespace Auth.Api.AdminConsole;

/// <summary>The <c>Console</c> settings: who may stay in the admin console (<c>/admin</c>), and for how long.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>The console session ends after this long without a request (30 minutes; 1 minute to 12 hours).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The sign-in behind a console session must have had a second factor: this service's one-time code, or an upstream
    /// provider's multi-factor sign-in where the provider is trusted for it. On by default.
    /// </summary>
    public bool RequireSecondFactor { get; set; } = true;
}
