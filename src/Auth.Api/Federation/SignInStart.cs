using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.Federation;

/// <summary>Where a sign-in at an upstream provider starts (<see cref="Routes.SignInWithProvider"/>) and what it is given.</summary>
public static class SignInStart
{
    /// <summary>The authorization-request parameter that names the provider to sign in at (docs/configuration.md).</summary>
    public const string IdpHint = "idp_hint";

    public static string Path(string providerId, string returnUrl, string? loginHint = null, bool fresh = false)
    {
        var query = new Dictionary<string, string?> { ["ReturnUrl"] = returnUrl };
        if (!string.IsNullOrEmpty(loginHint))
        {
            query["login_hint"] = loginHint;
        }

        if (fresh)
        {
            query["fresh"] = "true";
        }

        return QueryHelpers.AddQueryString(Routes.ForProvider(Routes.SignInWithProvider, providerId), query);
    }
}
