using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Auth.Api.Scim;

/// <summary>
/// SCIM requests need a Bearer access token with the scim scope: none or a bad one is 401 with a Bearer challenge,
/// one without the scope is 403 (RFC 6750 §3.1). The provisioning client's id is kept for per-client externalIds.
/// </summary>
public sealed class ScimAuthorization : IEndpointFilter
{
    public const string Scope = "scim";
    private const string ClientItem = "scim.client";

    public static string ClientId(HttpContext context) => (string)context.Items[ClientItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            var hasToken = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            return ScimResponses.Error(StatusCodes.Status401Unauthorized,
                hasToken ? "The access token is not valid." : "A Bearer access token is required.",
                challenge: hasToken ? "Bearer realm=\"scim\", error=\"invalid_token\"" : "Bearer realm=\"scim\"");
        }

        if (!principal.HasScope(Scope))
        {
            return ScimResponses.Error(StatusCodes.Status403Forbidden, "The access token does not have the scim scope.",
                challenge: "Bearer realm=\"scim\", error=\"insufficient_scope\", scope=\"scim\"");
        }

        http.Items[ClientItem] = principal.GetClaim(OpenIddictConstants.Claims.ClientId)
            ?? principal.GetPresenters().FirstOrDefault()
            ?? principal.GetClaim(OpenIddictConstants.Claims.Subject)
            ?? string.Empty;
        return await next(context);
    }
}
