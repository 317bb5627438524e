using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Auth.Api.OAuth;

/// <summary>
/// Signed userinfo answers (OpenID Connect Core §5.3.2), for a client registered with
/// <c>userinfo_signed_response_alg</c> RS256: the claims as a JWT with the server as <c>iss</c> and the client as
/// <c>aud</c>, signed with the key that signs ID tokens (the first of OpenIddict's signing credentials,
/// <see cref="SigningKeyServerOptions"/>), so the client checks it against the same JWKS.
/// </summary>
public sealed class UserInfoSigner(IOptionsMonitor<OpenIddictServerOptions> server, IOptions<OAuthOptions> oauth)
{
    public const string ContentType = "application/jwt";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Sign(IReadOnlyDictionary<string, object> claims, string clientId) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = oauth.Value.Issuer.AbsoluteUri,
            Audience = clientId,
            SigningCredentials = server.CurrentValue.SigningCredentials[0],
            Claims = claims.ToDictionary(StringComparer.Ordinal),
        });
}
