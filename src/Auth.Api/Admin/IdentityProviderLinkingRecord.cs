using System.Text.Json.Serialization;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Admin;

/// <summary>How a first sign-in finds its local user (the seed file's <c>linking</c>); a member left out is off.</summary>
public sealed record IdentityProviderLinkingRecord(
    [property: JsonPropertyName("external_id_claim")] string? ExternalIdClaim = null,
    [property: JsonPropertyName("provisioning_client")] string? ProvisioningClient = null,
    [property: JsonPropertyName("user_name")] bool UserName = false,
    [property: JsonPropertyName("verified_email")] bool VerifiedEmail = false,
    [property: JsonPropertyName("allow_additional_links")] bool AllowAdditionalLinks = false,
    [property: JsonPropertyName("just_in_time")] bool JustInTime = false)
{
    public IdentityProviderLinking ToLinking() => new()
    {
        ExternalIdClaim = ExternalIdClaim,
        ProvisioningClient = ProvisioningClient,
        UserName = UserName,
        VerifiedEmail = VerifiedEmail,
        AllowAdditionalLinks = AllowAdditionalLinks,
        JustInTime = JustInTime,
    };

    public static IdentityProviderLinkingRecord From(IdentityProviderLinking linking) => new(
        linking.ExternalIdClaim, linking.ProvisioningClient, linking.UserName, linking.VerifiedEmail, linking.AllowAdditionalLinks, linking.JustInTime);
}
