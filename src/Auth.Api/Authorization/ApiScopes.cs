using Auth.Application.Admin;
using Auth.Application.Mfa;

namespace Auth.Api.Authorization;

/// <summary>
/// Every scope the service's own APIs require, in one list: the OpenAPI document's OAuth 2.0 security scheme offers
/// these, and docs/admin-api.md lists them. Which scope a route requires is its policy's (<see cref="ApiPolicies"/>);
/// a scope a policy requires belongs here.
/// </summary>
public static class ApiScopes
{
    public static readonly IReadOnlyList<ApiScope> All =
    [
        .. AdminScopes.Definitions.Select(d => new ApiScope(d.Name, d.Description ?? d.DisplayName ?? d.Name)),
        new(ApiPolicies.AdminScope, "Every route under /admin, for this release and the next only (deprecated: use the admin.* scopes)."),
        new(ApiPolicies.ScimScope, "SCIM 2.0 provisioning under /scim/v2 (described by its own schema endpoints, RFC 7643)."),
        new(MfaScope.Name, MfaScope.Definition.Description ?? MfaScope.ConsentText, SignedInUser: true),
    ];
}
