using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.OAuth.DPoP;

/// <summary>
/// Checks one DPoP proof JWT against the request it came with (RFC 9449 §4.3): a JWT of type <c>dpop+jwt</c>, signed
/// with an asymmetric algorithm by the public key in its own <c>jwk</c> header (never a private key), with
/// <c>jti</c>, <c>htm</c> (the request's method), <c>htu</c> (the request's URI without query or fragment), a recent
/// <c>iat</c>, and at a resource an <c>ath</c> that hashes the access token sent with it. Replay and nonces are the
/// caller's (they need shared state); this is pure.
/// </summary>
public static class DPoPProofReader
{
    /// <summary>The algorithms accepted and advertised (<c>dpop_signing_alg_values_supported</c>): RSA and ECDSA.</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>A proof's iat may be this far ahead of the server's clock (the client's clock runs fast).</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromSeconds(10);

    /// <summary>Far more than any proof needs; a longer header is refused before it is parsed.</summary>
    public const int MaximumLength = 8 * 1024;

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <param name="accessToken">At a resource, the access token the proof must hash in its ath; null at the token endpoint.</param>
    public static async Task<(DPoPProof? Proof, string? Problem)> ReadAsync(
        string proof, string method, Uri requestUri, DateTimeOffset now, TimeSpan lifetime, string? accessToken)
    {
        if (proof.Length > MaximumLength || !Handler.CanReadToken(proof))
        {
            return (null, "The DPoP proof is not a JWT.");
        }

        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(proof);
        }
        catch (ArgumentException)
        {
            return (null, "The DPoP proof is not a JWT.");
        }

        if (!string.Equals(jwt.Typ, "dpop+jwt", StringComparison.Ordinal))
        {
            return (null, "The DPoP proof's typ must be dpop+jwt.");
        }

        if (!Algorithms.Contains(jwt.Alg))
        {
            return (null, "The DPoP proof must be signed with one of: " + string.Join(' ', Algorithms) + ".");
        }

        var key = PublicKey(jwt);
        if (key is null)
        {
            return (null, "The DPoP proof's jwk header must be a public RSA or EC key.");
        }

        var validation = await Handler.ValidateTokenAsync(proof, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = Algorithms,
            ValidTypes = ["dpop+jwt"],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
        });
        if (!validation.IsValid)
        {
            return (null, "The DPoP proof's signature does not verify with its jwk.");
        }

        if (!jwt.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti) || jti.Length > 256)
        {
            return (null, "The DPoP proof needs a jti.");
        }

        if (!jwt.TryGetPayloadValue<string>("htm", out var htm) || !string.Equals(htm, method, StringComparison.Ordinal))
        {
            return (null, $"The DPoP proof's htm must be {method}.");
        }

        if (!jwt.TryGetPayloadValue<string>("htu", out var htu) || !SameTarget(htu, requestUri))
        {
            return (null, $"The DPoP proof's htu must be {Target(requestUri)}.");
        }

        if (!jwt.TryGetPayloadValue<long>("iat", out var iat))
        {
            return (null, "The DPoP proof needs an iat.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat, 0, 253402300799));
        if (issuedAt > now + FutureSkew || issuedAt < now - lifetime)
        {
            return (null, $"The DPoP proof's iat must be within {lifetime.TotalSeconds:0} seconds of the server's time.");
        }

        if (accessToken is not null &&
            (!jwt.TryGetPayloadValue<string>("ath", out var ath) || !FixedTimeEquals(ath, AccessTokenHash(accessToken))))
        {
            return (null, "The DPoP proof's ath must be the hash of the access token sent with it.");
        }

        var nonce = jwt.TryGetPayloadValue<string>("nonce", out var value) ? value : null;
        return (new DPoPProof(Base64UrlEncoder.Encode(key.ComputeJwkThumbprint()), jti, issuedAt, nonce), null);
    }

    /// <summary>RFC 9449 §4.2: base64url of the SHA-256 of the access token's ASCII.</summary>
    public static string AccessTokenHash(string accessToken) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>RFC 9449 §4.3 item 9: scheme, host, port and path, compared after RFC 3986 §6.2.2–6.2.3 normalization.</summary>
    public static string Target(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private static bool SameTarget(string htu, Uri requestUri) =>
        Uri.TryCreate(htu, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) &&
        string.Equals(Target(uri), Target(requestUri), StringComparison.Ordinal);

    private static JsonWebKey? PublicKey(JsonWebToken jwt)
    {
        if (!jwt.TryGetHeaderValue<JsonElement>("jwk", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonWebKey key;
        try
        {
            key = new JsonWebKey(element.GetRawText());
        }
        catch (ArgumentException)
        {
            return null;
        }

        // RFC 9449 §4.3 item 7: a private key in the header is refused outright.
        var isPrivate = !string.IsNullOrEmpty(key.D) || !string.IsNullOrEmpty(key.P) || !string.IsNullOrEmpty(key.Q) ||
            !string.IsNullOrEmpty(key.DP) || !string.IsNullOrEmpty(key.DQ) || !string.IsNullOrEmpty(key.QI) || !string.IsNullOrEmpty(key.K);
        var complete = key.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA => !string.IsNullOrEmpty(key.N) && !string.IsNullOrEmpty(key.E),
            JsonWebAlgorithmsKeyTypes.EllipticCurve => !string.IsNullOrEmpty(key.Crv) && !string.IsNullOrEmpty(key.X) && !string.IsNullOrEmpty(key.Y),
            _ => false,
        };
        return isPrivate || !complete ? null : key;
    }

    private static bool FixedTimeEquals(string? left, string right) =>
        left is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
}
