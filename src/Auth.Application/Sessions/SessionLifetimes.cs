namespace Auth.Application.Sessions;

/// <summary>How long a browser's sign-in session lasts; bound from the <c>OAuth</c> section with the other lifetimes.</summary>
public sealed class SessionLifetimes
{
    public const string Section = "OAuth";

    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);

    /// <summary>Idle lifetime: the session ends when it has not been used for this long.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Absolute lifetime: the session ends this long after the user authenticated, however much it is used.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    public bool IsValid =>
        SessionLifetime >= Shortest && SessionLifetime <= TimeSpan.FromDays(30) &&
        SessionAbsoluteLifetime >= Shortest && SessionAbsoluteLifetime <= TimeSpan.FromDays(365);
}
