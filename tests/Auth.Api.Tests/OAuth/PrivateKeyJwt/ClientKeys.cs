using System.Security.Cryptography;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.OAuth.PrivateKeyJwt;

/// <summary>A client's key pair for private_key_jwt: the public jwks to register, the private JWK, and assertions signed with it.</summary>
public sealed class ClientKeys
{
    private ClientKeys(SecurityKey signingKey, JsonWebKey publicJwk, JsonWebKey privateJwk, string algorithm)
    {
        SigningKey = signingKey;
        PublicJwk = publicJwk;
        PrivateJwk = privateJwk;
        Algorithm = algorithm;
    }

    public SecurityKey SigningKey { get; }

    public JsonWebKey PublicJwk { get; }

    public JsonWebKey PrivateJwk { get; }

    public string Algorithm { get; }

    public static ClientKeys Rsa()
    {
        var rsa = RSA.Create(2048);
        var kid = Guid.NewGuid().ToString("N");
        var publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = kid });
        var privateJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = kid });
        return new ClientKeys(new RsaSecurityKey(rsa) { KeyId = kid }, publicJwk, privateJwk, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The jwks to register: <c>{"keys":[public key]}</c>.</summary>
    public JsonElement Jwks => JsonSerializer.SerializeToElement(new { keys = new[] { Members(PublicJwk) } });

    /// <summary>The JWK members set on <paramref name="key"/>, as WebCrypto's importKey takes them.</summary>
    public static Dictionary<string, string> Members(JsonWebKey key)
    {
        var members = new Dictionary<string, string>
        {
            ["kty"] = key.Kty,
            ["kid"] = key.Kid,
        };
        foreach (var (name, value) in new[] { ("n", key.N), ("e", key.E), ("d", key.D), ("p", key.P), ("q", key.Q), ("dp", key.DP), ("dq", key.DQ), ("qi", key.QI) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                members[name] = value;
            }
        }

        return members;
    }

    /// <summary>An assertion (RFC 7523 §3) for <paramref name="clientId"/>; each argument overrides one claim or the key.</summary>
    public string Assertion(
        string clientId,
        string audience,
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null,
        string? jti = null,
        string? issuer = null,
        string? subject = null,
        SigningCredentials? credentials = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? clientId,
            ["sub"] = subject ?? clientId,
            ["aud"] = audience,
            ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["exp"] = iat.Add(lifetime ?? TimeSpan.FromMinutes(1)).ToUnixTimeSeconds(),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = credentials ?? new SigningCredentials(SigningKey, Algorithm),
        });
    }

    /// <summary>A client_credentials request authenticated with <paramref name="assertion"/> (RFC 7523 §2.2).</summary>
    public static List<KeyValuePair<string, string>> TokenForm(string clientId, string assertion, string scope) => OAuthClient.Form(
        ("grant_type", "client_credentials"),
        ("client_id", clientId),
        ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
        ("client_assertion", assertion),
        ("scope", scope));
}
