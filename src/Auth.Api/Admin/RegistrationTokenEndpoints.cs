using Auth.Api.ClientRegistration;
using Auth.Api.Errors;
using Auth.Application.Admin;
using Auth.Application.Clients.Registration;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.Admin;

/// <summary>
/// /admin/v1/registration-tokens (admin.clients.write): an initial access token for dynamic client registration
/// (RFC 7591 §3), good for one registration within the scopes and grant types it names (by default the server's whole
/// policy, ClientRegistration:Scopes and :GrantTypes) until it expires. Shown once; only its hash is kept.
/// </summary>
public static class RegistrationTokenEndpoints
{
    public static IEndpointRouteBuilder MapAdminRegistrationTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.AdminV1RegistrationTokens, async (RegistrationTokenRequest? request, HttpContext http, ISender sender,
            IOptions<ClientRegistrationOptions> options, CancellationToken ct) =>
        {
            var policy = options.Value.Policy;
            var allowance = new RegistrationAllowance(request?.Scopes ?? policy.Scopes, request?.GrantTypes ?? policy.GrantTypes);
            if (request?.ExpiresIn is < 60 or > 2_592_000)
            {
                return OAuthErrorResults.InvalidRequest("expires_in is from 60 to 2,592,000 seconds.");
            }

            var lifetime = request?.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.InitialAccessTokenLifetime;
            var created = await sender.Send(new CreateInitialAccessToken(allowance, lifetime), ct);
            if (!created.Succeeded)
            {
                return AdminResults.Error(created.Error);
            }

            http.Response.Headers.CacheControl = "no-store";
            var token = created.Value;
            return Results.Json(new RegistrationTokenRecord(token.Token, AdminTime.Format(token.ExpiresAt), token.Allowance.Scopes, token.Allowance.GrantTypes),
                statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Make an initial access token for dynamic client registration")
            .WithDescription("One registration at POST /oauth/register (RFC 7591) with ClientRegistration:Mode=InitialAccessToken, of a client within scopes and grant_types (default: the server's registration policy, which also bounds them), until expires_in seconds (default ClientRegistration:InitialAccessTokenLifetime; 60 to 2,592,000). The token is in this answer only. Audited as the client's registration.")
            .Produces<RegistrationTokenRecord>(StatusCodes.Status201Created);
        return app;
    }
}
