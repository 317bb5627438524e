using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Authorization;

/// <summary>
/// The token is a user's, issued through a sign-in: a client's own token (client_credentials) has no subject of its
/// own, or the client as its subject, and is refused with 403 access_denied, without a challenge, since no other
/// token of that client would do.
/// </summary>
public sealed class UserTokenRequirement : AuthorizationHandler<UserTokenRequirement>, IBearerRequirement
{
    public BearerRefusal RefusalIn(BearerApi api) => BearerRefusal.AccessDenied(api, "This access token belongs to a client, not a user.");

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UserTokenRequirement requirement)
    {
        if (context.User.GetClaim(Claims.Subject) is { } subject && subject != context.User.GetClaim(Claims.ClientId))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
