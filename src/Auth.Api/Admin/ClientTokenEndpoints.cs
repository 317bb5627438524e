using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Application.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Admin;

/// <summary>
/// POST /admin/v1/clients/{client_id}/tokens (scope admin.clients.write): the long-lived access token the
/// <c>clients token</c> verb mints for Okta's or Microsoft Entra ID's SCIM connector, over HTTP, through the same
/// <see cref="ProvisioningTokenIssuer"/> (OpenIddict's own sign-in pipeline). Audited as client.token_minted with the
/// caller as actor; the token is never logged or audited.
/// </summary>
public static class ClientTokenEndpoints
{
    private const string DefaultScope = "scim";

    public static IEndpointRouteBuilder MapAdminClientTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.AdminV1Clients + "/{client_id}/tokens", async (
            [FromRoute(Name = "client_id")] string clientId, [FromBody] ClientTokenRequest? request, HttpContext http, ProvisioningTokenIssuer issuer, CancellationToken ct) =>
        {
            var scope = string.IsNullOrWhiteSpace(request?.Scope) ? DefaultScope : request.Scope;
            if (AdminScopes.Names.Contains(scope) || scope == AdminScopes.Everything)
            {
                // An admin credential that lives for weeks is not minted over HTTP: admin clients ask the token endpoint.
                return OAuthErrorResults.InvalidRequest($"A minted token cannot carry the admin scope '{scope}'; admin clients get short-lived tokens from {Routes.Token}.");
            }


            var lifetime = AdminTime.Duration(request?.ExpiresIn);
            var issued = await issuer.IssueAsync(clientId, scope, lifetime, ct);
            http.Response.Headers.CacheControl = "no-store";
            return issued.Succeeded
                ? Results.Ok(new ClientTokenRecord(clientId, issued.Value.Token, "Bearer", scope, AdminTime.Format(issued.Value.ExpiresAt)))
                : AdminResults.Error(issued.Error);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Mint a long-lived access token for a client")
            .WithDescription("The token an identity provider's SCIM connector takes as its secret token (what `clients token` prints): an ordinary access token of the client for one scope it is allowed (scim by default), valid for expires_in seconds (default and maximum: SigningKeys:MaximumTokenLifetime, 31 days). Shown once; it introspects, can be revoked, and ends with the client. 404 not_found for an unknown client; 400 for a scope the client may not use, a user-only or admin scope, or a lifetime out of range. Audited as client.token_minted (never the token).")
            .Produces<ClientTokenRecord>();
        return app;
    }
}
