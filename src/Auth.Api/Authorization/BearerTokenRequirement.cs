using Microsoft.AspNetCore.Authorization;

namespace Auth.Api.Authorization;

/// <summary>
/// The first requirement of every <see cref="ApiPolicies"/> policy: a valid Bearer access token (the policy
/// authenticates with OpenIddict's validation alone). It names the <see cref="Api"/> whose words
/// <see cref="AuthorizationRefusals"/> answers a refusal in.
/// </summary>
public sealed class BearerTokenRequirement(BearerApi api) : AuthorizationHandler<BearerTokenRequirement>, IAuthorizationRequirement
{
    public BearerApi Api => api;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BearerTokenRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
