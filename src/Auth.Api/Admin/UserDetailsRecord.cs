using System.Globalization;
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
    [property: JsonPropertyName("updated_at")] string UpdatedAt)
{
    public static UserDetailsRecord From(UserProfile user) => new(
        user.Id, user.UserName, user.DisplayName, user.GivenName, user.FamilyName, user.Email, user.EmailVerified, user.IsActive,
        user.LockoutEnd is { } end ? Time(end) : null, Time(user.UpdatedAt));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
