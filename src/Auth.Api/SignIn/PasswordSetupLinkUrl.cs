namespace Auth.Api.SignIn;

/// <summary>The address a "set your password" link's token opens: the set-password page under the issuer.</summary>
public static class PasswordSetupLinkUrl
{
    public static string For(Uri issuer, string token) =>
        Routes.UnderIssuer(issuer, Routes.SetPassword).AbsoluteUri + "?token=" + Uri.EscapeDataString(token);
}
