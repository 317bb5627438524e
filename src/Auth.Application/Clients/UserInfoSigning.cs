namespace Auth.Application.Clients;

/// <summary>Signed userinfo answers (OpenID Connect Core §5.3.2): the one algorithm a client may ask for.</summary>
public static class UserInfoSigning
{
    public const string Algorithm = "RS256";
}
