using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Authorization;

/// <summary>
/// The token is a client's own (client_credentials): no subject, or the client as its subject. A user's token is
/// refused with 403 access_denied, without a challenge, even when its client was allowed an admin scope: the admin API
/// acts for a client an operator registered for it, and a signed-in user is not an administrator for having consented.
/// </summary>
public sealed class ClientTokenRequirement : AuthorizationHandler<ClientTokenRequirement>, IBearerRequirement
{
    public BearerRefusal RefusalIn(BearerApi api) =>
        BearerRefusal.AccessDenied(api, "The admin API takes a client's own token (client_credentials), not a user's.");

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClientTokenRequirement requirement)
    {
        if (context.User.GetClaim(Claims.Subject) is not { } subject || subject == context.User.GetClaim(Claims.ClientId))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
