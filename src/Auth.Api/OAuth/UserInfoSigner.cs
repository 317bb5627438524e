using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Auth.Api.OAuth;

/// <summary>
/// Signed userinfo answers (OpenID Connect Core §5.3.2), for a client registered with
/// <c>userinfo_signed_response_alg</c> RS256: the JSON answer's claims, serialized as the JSON answer is, with the
/// server as <c>iss</c> and the client as <c>aud</c>, signed with the key that signs ID tokens (the first of
/// OpenIddict's signing credentials, <see cref="SigningKeyServerOptions"/>), so the client checks it against the same JWKS.
/// </summary>
public sealed class UserInfoSigner(IOptionsMonitor<OpenIddictServerOptions> server, IOptions<OAuthOptions> oauth, IOptions<HttpJsonOptions> json)
{
    public const string ContentType = "application/jwt";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Sign(IReadOnlyDictionary<string, object> claims, string clientId)
    {
        var payload = new Dictionary<string, object>(claims, StringComparer.Ordinal)
        {
            [Claims.Issuer] = oauth.Value.Issuer.AbsoluteUri,
            [Claims.Audience] = clientId,
        };
        return _handler.CreateToken(JsonSerializer.Serialize(payload, json.Value.SerializerOptions), server.CurrentValue.SigningCredentials[0]);
    }
}
