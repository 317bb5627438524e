using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A client's DPoP key (P-256) and the proofs it signs (RFC 9449 §4.2), built by hand so a test can get every part of
/// a proof wrong on purpose: the typ, the alg, a private key in the header, the htm, htu, iat, ath, jti and nonce.
/// </summary>
public sealed class DPoPKey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key as the proof's jwk header carries it (RFC 7638 member order does not matter here).</summary>
    public Dictionary<string, string> PublicJwk
    {
        get
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, string>
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["x"] = Base64UrlEncoder.Encode(parameters.Q.X!),
                ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y!),
            };
        }
    }

    /// <summary>RFC 7638: SHA-256 over {"crv","kty","x","y"} in that order, base64url: the cnf.jkt of tokens bound to this key.</summary>
    public string Thumbprint => ThumbprintOf(PublicJwk["crv"], PublicJwk["x"], PublicJwk["y"]);

    /// <summary>The RFC 7638 thumbprint of an EC public key given by its members.</summary>
    public static string ThumbprintOf(string crv, string x, string y) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}")));

    /// <summary>A proof for <paramref name="method"/> <paramref name="url"/>; each named argument spoils or adds one part.</summary>
    public string Proof(
        string method, Uri url, string? accessToken = null, string? nonce = null, DateTimeOffset? issuedAt = null, string? jti = null,
        string typ = "dpop+jwt", string alg = "ES256", bool privateKeyInHeader = false, bool withoutAth = false, string? htu = null)
    {
        var jwk = new Dictionary<string, string>(PublicJwk);
        if (privateKeyInHeader)
        {
            jwk["d"] = Base64UrlEncoder.Encode(_key.ExportParameters(includePrivateParameters: true).D!);
        }

        var header = new Dictionary<string, object> { ["typ"] = typ, ["alg"] = alg, ["jwk"] = jwk };
        var payload = new Dictionary<string, object>
        {
            ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
            ["htm"] = method,
            ["htu"] = htu ?? url.GetLeftPart(UriPartial.Path),
            ["iat"] = (issuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        };
        if (accessToken is not null && !withoutAth)
        {
            payload["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }

        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        var signingInput = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." +
            Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = alg == "none" ? string.Empty
            : Base64UrlEncoder.Encode(_key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        return signingInput + "." + signature;
    }

    public void Dispose() => _key.Dispose();
}
