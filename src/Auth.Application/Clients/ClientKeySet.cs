using System.Text.Json;

namespace Auth.Application.Clients;

/// <summary>
/// What a client's JSON Web Key Set (RFC 7517 §5) must be to sign private_key_jwt assertions: public asymmetric keys
/// only. A private member would mean the client's secret half now sits in this service's database; a symmetric key
/// (kty "oct") is client_secret_jwt, which stays off.
/// </summary>
public static class ClientKeySet
{
    public const int MaximumKeys = 10;

    /// <summary>
    /// What a client's keys sign with, as discovery advertises it (private_key_jwt assertions, request objects):
    /// asymmetric only, so neither <c>none</c> nor an HMAC keyed with a public key passes (RFC 8725 §3.1, §3.2).
    /// </summary>
    public static readonly IReadOnlyList<string> SigningAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    public const int MaximumUriLength = 2_000;

    // OKP (Ed25519) keys are refused: the token library that checks assertions cannot use them.
    private static readonly string[] AsymmetricKeyTypes = ["RSA", "EC"];

    // The members each key type needs (RFC 7518 §6.3.1, §6.2.1), and the members that must be strings when present.
    private static readonly Dictionary<string, string[]> RequiredMembers = new() { ["RSA"] = ["n", "e"], ["EC"] = ["crv", "x", "y"] };

    private static readonly string[] StringMembers = ["kid", "use", "alg", "n", "e", "crv", "x", "y", "x5u", "x5t", "x5t#S256"];

    private static readonly string[] StringArrayMembers = ["x5c", "key_ops"];

    // RFC 7518 §6.2.2 (EC "d"), §6.3.2 (RSA "d", "p", "q", "dp", "dq", "qi", "oth"), §6.4.1 (oct "k"); RFC 8037 §2 (OKP "d").
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>Null when <paramref name="jwks"/> is usable; else why not.</summary>
    public static string? Problem(JsonElement jwks)
    {
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return "jwks is a JSON Web Key Set: an object with a \"keys\" array (RFC 7517 §5).";
        }

        if (keys.GetArrayLength() is 0 or > MaximumKeys)
        {
            return $"jwks holds 1 to {MaximumKeys} keys.";
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object || !key.TryGetProperty("kty", out var kty) || kty.ValueKind != JsonValueKind.String)
            {
                return "Each key of jwks is a JSON Web Key with a kty (RFC 7517 §4.1).";
            }

            if (!AsymmetricKeyTypes.Contains(kty.GetString(), StringComparer.Ordinal))
            {
                return "jwks holds RSA or EC public keys only: symmetric keys (client_secret_jwt) and OKP keys are not accepted.";
            }

            var type = kty.GetString()!;
            if (RequiredMembers[type].Any(member => !key.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0))
            {
                return $"An {type} key of jwks needs {string.Join(", ", RequiredMembers[type])} (RFC 7518 §6).";
            }

            if (StringMembers.Any(member => key.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.String) ||
                StringArrayMembers.Any(member => key.TryGetProperty(member, out var value) &&
                    (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))))
            {
                return "A key of jwks has a member of the wrong JSON type (RFC 7517 §4).";
            }

            if (PrivateMembers.Any(member => key.TryGetProperty(member, out _)))
            {
                return "jwks holds public keys only: a key with private key material is refused.";
            }
        }

        return null;
    }

    /// <summary>
    /// Null when <paramref name="jwksUri"/> is a place to fetch the keys from; else why not. The keys must come over
    /// TLS (RFC 7591 §2: jwks_uri); plain http only from this machine (a test or a side-car), as for redirect URIs.
    /// </summary>
    public static string? UriProblem(string jwksUri)
    {
        if (jwksUri.Length > MaximumUriLength ||
            !Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri) || uri.IsFile || !jwksUri.Contains("://", StringComparison.Ordinal))
        {
            return $"jwksUri is an absolute https URI of at most {MaximumUriLength} characters.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "jwksUri has no fragment and no user information.";
        }

        return OutboundUri.IsHttpsOrLoopback(uri)
            ? null
            : "jwksUri is https; http only on the loopback interface (localhost, 127.0.0.1, [::1]).";
    }
}
