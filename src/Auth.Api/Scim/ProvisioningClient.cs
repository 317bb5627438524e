using OpenIddict.Abstractions;

namespace Auth.Api.Scim;

/// <summary>
/// The provisioning client a SCIM request acts for, once its token passed <see cref="Authorization.ApiPolicies.Scim"/>;
/// its id keeps externalIds apart per client.
/// </summary>
public static class ProvisioningClient
{
    public static string Id(HttpContext context) =>
        context.User.GetClaim(OpenIddictConstants.Claims.ClientId)
        ?? context.User.GetPresenters().FirstOrDefault()
        ?? context.User.GetClaim(OpenIddictConstants.Claims.Subject)
        ?? string.Empty;
}
