using System.Text.Json.Serialization;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Admin;

/// <summary>Which upstream claim gives what (the seed file's <c>claims</c>); a member left out takes its default.</summary>
public sealed record IdentityProviderClaimsRecord(
    [property: JsonPropertyName("subject")] string? Subject = null,
    [property: JsonPropertyName("user_name")] string UserName = "preferred_username",
    [property: JsonPropertyName("email")] string Email = "email",
    [property: JsonPropertyName("given_name")] string GivenName = "given_name",
    [property: JsonPropertyName("family_name")] string FamilyName = "family_name",
    [property: JsonPropertyName("display_name")] string DisplayName = "name")
{
    public IdentityProviderClaims ToClaims() => new()
    {
        Subject = Subject,
        UserName = UserName,
        Email = Email,
        GivenName = GivenName,
        FamilyName = FamilyName,
        DisplayName = DisplayName,
    };

    public static IdentityProviderClaimsRecord From(IdentityProviderClaims claims) =>
        new(claims.Subject, claims.UserName, claims.Email, claims.GivenName, claims.FamilyName, claims.DisplayName);
}
