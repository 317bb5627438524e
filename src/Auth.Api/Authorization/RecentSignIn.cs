using System.Security.Claims;
using Auth.Api.OAuth;
using Auth.Application.Mfa;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Auth.Api.Authorization;

/// <summary>
/// Whether the sign-in behind a user's token is recent enough for a change to the second factor: its <c>auth_time</c>
/// is at most Mfa:RecentSignInWindow ago (RFC 9470). The policy <see cref="ApiPolicies.MfaRecentSignIn"/> asks it;
/// so does confirming an enrolment, which needs a recent sign-in only when one is pending.
/// </summary>
public sealed class RecentSignIn(IOptions<MfaOptions> options, TimeProvider clock) : AuthorizationHandler<RecentSignInRequirement>
{
    /// <summary>The max_age a client passes to the authorization endpoint to get a token recent enough (RFC 9470 §3).</summary>
    public TimeSpan Window => options.Value.RecentSignInWindow;

    public bool IsRecent(ClaimsPrincipal principal) =>
        UserIdentity.AuthenticatedAt(principal) is { } signedInAt && clock.GetUtcNow() - signedInAt <= Window;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RecentSignInRequirement requirement)
    {
        if (IsRecent(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
