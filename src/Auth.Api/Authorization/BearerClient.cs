using OpenIddict.Abstractions;

namespace Auth.Api.Authorization;

/// <summary>
/// The client a request to one of the service's Bearer APIs acts for, once its token passed the API's policy
/// (<see cref="ApiPolicies"/>): a SCIM request's provisioning client (its id keeps externalIds apart per client), an
/// admin API request's caller (named in the audit record of what it changed).
/// </summary>
public static class BearerClient
{
    public static string Id(HttpContext context) =>
        context.User.GetClaim(OpenIddictConstants.Claims.ClientId)
        ?? context.User.GetPresenters().FirstOrDefault()
        ?? context.User.GetClaim(OpenIddictConstants.Claims.Subject)
        ?? string.Empty;
}
