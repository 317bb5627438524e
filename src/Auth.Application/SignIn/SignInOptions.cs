using Auth.Domain.Users;

namespace Auth.Application.SignIn;

/// <summary>Password sign-in settings, bound from the <c>SignIn</c> configuration section.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public int MaxFailedAttempts { get; set; } = LockoutPolicy.Default.MaxFailedAttempts;

    public TimeSpan LockoutDuration { get; set; } = LockoutPolicy.Default.Duration;

    public LockoutPolicy Lockout => new(MaxFailedAttempts, LockoutDuration);
}
