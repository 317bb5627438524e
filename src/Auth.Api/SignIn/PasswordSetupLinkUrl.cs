using Auth.Application.Users;

namespace Auth.Api.SignIn;

/// <summary>The address a "set your password" link's token opens: the set-password page under the issuer.</summary>
public static class PasswordSetupLinkUrl
{
    public static Uri Page(Uri issuer) => Routes.UnderIssuer(issuer, Routes.SetPassword);

    public static string For(Uri issuer, string token) => PasswordSetupTokens.LinkTo(Page(issuer), token);
}
