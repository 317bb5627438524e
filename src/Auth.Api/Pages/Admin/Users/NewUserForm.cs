using Auth.Application.Users;

namespace Auth.Api.Pages.Admin.Users;

/// <summary>
/// The console's form that creates a user (posted as <c>New.*</c>, apart from the search's fields): the profile an
/// operator types. It sets no password: the user's page then sets one or makes a one-time set-password link (as
/// Keycloak's "Add user" leaves credentials to their own tab), so a password is chosen in one place only.
/// </summary>
public sealed class NewUserForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    /// <summary>The operator vouches for the address: the <c>email_verified</c> claim says true.</summary>
    public bool EmailVerified { get; set; }

    public UserDefinition ToDefinition() => new()
    {
        UserName = UserName?.Trim() ?? string.Empty,
        DisplayName = ConsolePage.Trimmed(DisplayName),
        GivenName = ConsolePage.Trimmed(GivenName),
        FamilyName = ConsolePage.Trimmed(FamilyName),
        Email = ConsolePage.Trimmed(Email),
        EmailVerified = EmailVerified,
    };
}
