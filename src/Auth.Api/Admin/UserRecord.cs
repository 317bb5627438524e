using System.Text.Json.Serialization;
using Auth.Application.Users;

namespace Auth.Api.Admin;

/// <summary>A user as the admin API lists them.</summary>
public sealed record UserRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user_name")] string UserName,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("locked")] bool Locked)
{
    public static UserRecord From(UserSummary user) =>
        new(user.Id, user.UserName, user.DisplayName, user.Email, user.IsActive, user.IsLockedOut);
}
