namespace Auth.Api.AdminConsole;

/// <summary>Why a signed-in user may not enter the admin console.</summary>
public enum ConsoleRefusal
{
    /// <summary>The user does not hold the administrator role, or is disabled.</summary>
    NotAnAdministrator,

    /// <summary>The sign-in had no second factor, and the console requires one.</summary>
    NoSecondFactor,
}
