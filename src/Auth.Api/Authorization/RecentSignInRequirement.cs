using Auth.Application.Mfa;

namespace Auth.Api.Authorization;

/// <summary>
/// The sign-in behind a user's token (<c>auth_time</c>) is within Mfa:RecentSignInWindow; otherwise 401
/// insufficient_user_authentication with the max_age that would do (RFC 9470 §3). <see cref="RecentSignIn"/> decides.
/// </summary>
public sealed class RecentSignInRequirement : IBearerRequirement
{
    public BearerRefusal RefusalIn(BearerApi api) => BearerRefusal.InsufficientUserAuthentication(api, TotpErrors.RecentSignInRequired().Description);
}
