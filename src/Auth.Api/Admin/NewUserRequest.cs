using System.Text.Json.Serialization;
using Auth.Application.Users;

namespace Auth.Api.Admin;

/// <summary>The body of POST /admin/v1/users. Without a password the user signs in only through an identity provider.</summary>
public sealed record NewUserRequest(
    [property: JsonPropertyName("user_name")] string? UserName,
    [property: JsonPropertyName("password")] string? Password = null,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("given_name")] string? GivenName = null,
    [property: JsonPropertyName("family_name")] string? FamilyName = null,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("email_verified")] bool EmailVerified = false,
    [property: JsonPropertyName("active")] bool Active = true)
{
    public UserDefinition ToDefinition() => new()
    {
        UserName = UserName ?? string.Empty,
        Password = Password,
        DisplayName = DisplayName,
        GivenName = GivenName,
        FamilyName = FamilyName,
        Email = Email,
        EmailVerified = EmailVerified,
        Active = Active,
    };

    // A record prints every member: the password must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserName = ").Append(UserName);
        return true;
    }
}
