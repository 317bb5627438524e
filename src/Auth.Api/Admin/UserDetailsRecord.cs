using System.Text.Json.Serialization;
using Auth.Application.Users;

namespace Auth.Api.Admin;

/// <summary>One user as the admin API shows them: never a password hash, security stamp or second-factor secret.</summary>
public sealed record UserDetailsRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user_name")] string UserName,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("given_name")] string? GivenName,
    [property: JsonPropertyName("family_name")] string? FamilyName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("email_verified")] bool EmailVerified,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("locked_until")] string? LockedUntil,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles)
{
    public static UserDetailsRecord From(UserProfile user) => new(
        user.Id, user.UserName, user.DisplayName, user.GivenName, user.FamilyName, user.Email, user.EmailVerified, user.IsActive,
        user.LockoutEnd is { } end ? AdminTime.Format(end) : null, AdminTime.Format(user.UpdatedAt), user.Roles);
}
