using OpenIddict.Abstractions;

namespace Auth.Api.OAuth;

/// <summary>
/// The acr values this service issues (docs/security.md), and what a client asks of them: by acr_values (OpenID
/// Connect Core §3.1.2.1, voluntary) or by an essential acr in the claims parameter (§5.5.1.1). Both are honoured.
/// </summary>
public static class AuthenticationLevels
{
    public const string Password = "urn:auth:acr:pwd";
    public const string MultiFactor = "urn:auth:acr:mfa";

    public static readonly IReadOnlyList<string> Supported = [Password, MultiFactor];

    public static string Of(IEnumerable<string> methods) => IsMultiFactor(methods) ? MultiFactor : Password;

    /// <summary>A local one-time code, or an upstream provider trusted for its multi-factor sign-in (docs/security.md).</summary>
    public static bool IsMultiFactor(IEnumerable<string> methods) =>
        methods.Any(m => m is SignIn.AuthenticationMethods.OneTimePassword or SignIn.AuthenticationMethods.MultiFactor);

    /// <summary>The client names the multi-factor level and not the password one: the user must give a second factor.</summary>
    public static bool RequireSecondFactor(OpenIddictRequest request, ClaimsRequest claims) =>
        Demand(request.GetAcrValues()) || Demand(claims.EssentialAcrValues);

    /// <summary>An essential acr none of whose values this server issues can never be met (§5.5.1.1).</summary>
    public static bool CannotMeet(ClaimsRequest claims) =>
        claims.EssentialAcrValues.Count > 0 && !claims.EssentialAcrValues.Any(Supported.Contains);

    private static bool Demand(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Contains(MultiFactor) && !list.Contains(Password);
    }
}
