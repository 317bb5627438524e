using Auth.Domain.Users;

namespace Auth.Application.SignIn;

/// <summary>Password sign-in settings, bound from the <c>SignIn</c> configuration section.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public int MaxFailedAttempts { get; set; } = LockoutPolicy.Default.MaxFailedAttempts;

    public TimeSpan LockoutDuration { get; set; } = LockoutPolicy.Default.Duration;

    public LockoutPolicy Lockout => new(MaxFailedAttempts, LockoutDuration);

    /// <summary>
    /// Self-service password reset: "Forgot your password?" on the sign-in page e-mails a one-time link to a user who
    /// has a password (<see cref="Users.IssuePasswordResetLink"/>). Off by default; on, it needs e-mail (<c>Smtp:Host</c>).
    /// </summary>
    public bool PasswordReset { get; set; }

    /// <summary>How long a reset link works, from 5 minutes to 1 day.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The least time between two reset links for one user, from none to 1 day: asking again sooner sends nothing.</summary>
    public TimeSpan PasswordResetInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool PasswordResetTimesAreValid =>
        PasswordResetLinkLifetime >= Users.PasswordSetupTokens.MinimumValidity && PasswordResetLinkLifetime <= TimeSpan.FromDays(1) &&
        PasswordResetInterval >= TimeSpan.Zero && PasswordResetInterval <= TimeSpan.FromDays(1);
}
