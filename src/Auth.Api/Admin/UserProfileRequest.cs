using System.Text.Json.Serialization;
using Auth.Application.Users;

namespace Auth.Api.Admin;

/// <summary>The body of PUT /admin/v1/users/{id}: the whole profile; a field left out is cleared.</summary>
public sealed record UserProfileRequest(
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("given_name")] string? GivenName = null,
    [property: JsonPropertyName("family_name")] string? FamilyName = null,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("email_verified")] bool EmailVerified = false)
{
    public UserProfileChange ToChange() => new()
    {
        DisplayName = DisplayName,
        GivenName = GivenName,
        FamilyName = FamilyName,
        Email = Email,
        EmailVerified = EmailVerified,
    };
}
