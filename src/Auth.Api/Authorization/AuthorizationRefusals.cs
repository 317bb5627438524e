using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Auth.Api.Authorization;

/// <summary>
/// The one place that answers a request an <see cref="ApiPolicies"/> policy refuses: 401 without a valid token, else
/// the answer of the first requirement in the policy the token does not meet, in the words of the policy's
/// <see cref="BearerApi"/>. Requests let through, and policies of any other kind, get ASP.NET Core's default handling.
/// </summary>
public sealed class AuthorizationRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || policy.Requirements.OfType<BearerTokenRequirement>().FirstOrDefault() is not { } bearer)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var refusal = authorizeResult.Challenged
            ? BearerRefusal.NoValidToken(bearer.Api, context.Request)
            : FirstUnmet(policy, authorizeResult.AuthorizationFailure, bearer.Api);
        return refusal.ExecuteAsync(context);
    }

    private static BearerRefusal FirstUnmet(AuthorizationPolicy policy, AuthorizationFailure? failure, BearerApi api) =>
        policy.Requirements.OfType<IBearerRequirement>().FirstOrDefault(r => failure?.FailedRequirements.Contains(r) == true)?.RefusalIn(api)
        ?? BearerRefusal.AccessDenied(api, "Access is denied.");
}
