using Auth.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Auth.Api.Audit;

/// <summary>
/// Administrative endpoints need a Bearer access token with the admin scope: none or a bad one is 401 with a Bearer
/// challenge, one without the scope is 403 (RFC 6750 §3.1). The scope must be registered (seed) and granted to a client.
/// </summary>
public sealed class AdminAuthorization : IEndpointFilter
{
    public const string Scope = "admin";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            var hasToken = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            http.Response.Headers.WWWAuthenticate = hasToken ? "Bearer error=\"invalid_token\"" : "Bearer";
            return TypedResults.Json(ErrorBody.Create(ErrorCodes.InvalidToken, hasToken ? "The access token is not valid." : "A Bearer access token is required."),
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!principal.HasScope(Scope))
        {
            http.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{Scope}\"";
            return TypedResults.Json(ErrorBody.Create(ErrorCodes.AccessDenied, "The access token does not have the admin scope."),
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
