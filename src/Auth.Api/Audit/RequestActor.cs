using OpenIddict.Abstractions;

namespace Auth.Api.Audit;

/// <summary>
/// Who a request acts for, as the audit log names it: the client whose own access token called one of the service's
/// Bearer APIs (<c>client:</c>id; the admin API, SCIM), or the user whose token did (<c>user:</c>id). Requests without
/// an access token name the signed-in user where there is one (account pages), else nobody: sign-in and OAuth events say
/// who in their own fields.
/// </summary>
public static class RequestActor
{
    public const string ClientPrefix = "client:";

    public const string UserPrefix = "user:";

    public static string? Of(HttpContext? context)
    {
        if (context?.User is not { Identity.IsAuthenticated: true } user)
        {
            return null;
        }

        var subject = user.GetClaim(OpenIddictConstants.Claims.Subject);
        var client = user.GetClaim(OpenIddictConstants.Claims.ClientId) ?? user.GetPresenters().FirstOrDefault();
        return subject is not null && subject != client ? UserPrefix + subject : client is not null ? ClientPrefix + client : null;
    }
}
