using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth.BackChannelLogout;

/// <summary>
/// Logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): JWTs signed with the key that signs ID tokens (the
/// first of OpenIddict's signing credentials, <see cref="SigningKeyServerOptions"/>), so a client checks them against
/// the same JWKS. Typed <c>logout+jwt</c> (§2.4, RFC 8725 §3.11), so no logout token can pass for an ID token.
/// </summary>
public sealed class LogoutTokenIssuer(IOptionsMonitor<OpenIddictServerOptions> server, IOptions<OAuthOptions> oauth, TimeProvider clock)
{
    public const string TokenType = "logout+jwt";

    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>Short (§2.4 recommends at most two minutes): a token caught in transit is good for little.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private static readonly JsonElement Events = JsonSerializer.SerializeToElement(new Dictionary<string, object> { [BackChannelLogoutEvent] = new { } });

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A new token (its own <c>jti</c>) for each attempt; never a <c>nonce</c> (§2.4).</summary>
    public string Issue(string clientId, string subject, string sessionId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = oauth.Value.Issuer.AbsoluteUri,
            Audience = clientId,
            IssuedAt = now,
            Expires = now + Lifetime,
            SigningCredentials = server.CurrentValue.SigningCredentials[0],
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [Claims.Subject] = subject,
                [Claims.JwtId] = Guid.CreateVersion7().ToString(),
                [SignIn.SessionClaims.SessionId] = sessionId,
                ["events"] = Events,
            },
        });
    }
}
