using System.Globalization;
using System.Security.Claims;
using Auth.Infrastructure.OpenIddict;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// What a private_key_jwt assertion must be beyond OpenIddict's checks of its signature (a key of the client's jwks),
/// issuer and subject: addressed to this server only (its issuer, token endpoint or pushed authorization endpoint,
/// RFC 7523 §3 item 3, RFC 9126 §2), naming the client in iss and sub (with or without a client_id beside it), short-lived
/// (an exp at most <see cref="MaximumLifetime"/> after its iat, or after now without one) and never seen before
/// (RFC 7523 §3 item 7: the jti is recorded in the shared store until the assertion expires, so every node refuses a
/// replay). Each refusal is the 401 invalid_client of RFC 6749 §5.2.
/// </summary>
public sealed class AcceptEachClientAssertionOnce(JtiLedger ledger, IOptions<OAuthOptions> options, TimeProvider clock)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>The longest an assertion may live: long enough for clock skew and a retry, short enough to bound the ledger.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(5);

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var principal = context.ClientAssertionPrincipal!;

        // RFC 7521 §4.2: client_id is optional beside an assertion, which names the client in iss (OpenIddict sets
        // the request's client_id from it after this handler).
        var clientId = context.ClientId ?? principal.GetClaim(Claims.Issuer);
        var issuer = options.Value.Issuer;
        var server = Audiences(issuer);

        var audiences = Values(principal, Claims.Private.Audience, Claims.Audience);
        if (audiences.Count == 0 || audiences.Any(a => !server.Any(s => SameUri(a, s))))
        {
            Refuse(context, "The client assertion must be addressed to this server's issuer, token endpoint or pushed authorization endpoint.");
            return;
        }

        if (clientId is null || principal.GetClaim(Claims.Issuer) is { } iss && iss != clientId || principal.GetClaim(Claims.Subject) != clientId)
        {
            Refuse(context, "The client assertion's iss and sub must both be the client_id.");
            return;
        }

        var now = clock.GetUtcNow();
        var expires = principal.GetExpirationDate() ?? Time(principal, Claims.ExpiresAt);
        var issued = principal.GetCreationDate() ?? Time(principal, Claims.IssuedAt);
        if (expires is null || expires <= now || expires - (issued is { } iat && iat < now ? iat : now) > MaximumLifetime)
        {
            Refuse(context, $"The client assertion needs an exp at most {MaximumLifetime.TotalMinutes:0} minutes after its iat.");
            return;
        }

        var jti = principal.GetClaim(Claims.JwtId) ?? principal.GetTokenId();
        if (string.IsNullOrEmpty(jti))
        {
            Refuse(context, "The client assertion needs a jti.");
            return;
        }

        if (!await ledger.TryRecordAsync(JtiLedger.ClientAssertion, clientId, jti, expires.Value, context.CancellationToken))
        {
            Refuse(context, "The client assertion was used before.");
        }
    }

    /// <summary>
    /// What names this server as an assertion's audience: its issuer, its token endpoint (RFC 7523 §3 item 3) and its
    /// pushed authorization endpoint (RFC 9126 §2 requires accepting each of the three).
    /// </summary>
    public static Uri[] Audiences(Uri issuer) =>
        [issuer, Routes.UnderIssuer(issuer, Routes.Token), Routes.UnderIssuer(issuer, Routes.PushedAuthorization)];

    private static void Refuse(ProcessAuthenticationContext context, string description) =>
        context.Reject(OpenIddictConstants.Errors.InvalidClient, description);

    private static List<string> Values(ClaimsPrincipal principal, params string[] types) =>
        types.SelectMany(t => principal.GetClaims(t)).Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();

    private static bool SameUri(string value, Uri expected) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        string.Equals(uri.AbsoluteUri.TrimEnd('/'), expected.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private static DateTimeOffset? Time(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.GetClaim(type), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
