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

    public const int MaximumUriLength = 2_000;

    private static readonly string[] AsymmetricKeyTypes = ["RSA", "EC", "OKP"];

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
                return "jwks holds asymmetric keys only (kty RSA, EC or OKP): symmetric keys (client_secret_jwt) are not accepted.";
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

        return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? null
            : "jwksUri is https; http only on the loopback interface (localhost, 127.0.0.1, [::1]).";
    }
}
