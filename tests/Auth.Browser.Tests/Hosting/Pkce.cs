using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Auth.Browser.Tests.Hosting;

/// <summary>RFC 7636 §4.1–4.2: a random code verifier and its S256 challenge.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public const string Method = "S256";

    public static Pkce Create()
    {
        // 32 random octets give a 43-character verifier, the shortest RFC 7636 §4.1 allows.
        var verifier = RandomToken();
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return new Pkce(verifier, challenge);
    }

    public static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
