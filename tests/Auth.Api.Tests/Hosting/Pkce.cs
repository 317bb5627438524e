using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.Hosting;

/// <summary>A fresh PKCE pair (RFC 7636 §4.1, §4.2) and random state and nonce values.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Random();
        return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
