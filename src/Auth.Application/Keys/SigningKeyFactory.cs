using System.Buffers.Text;
using System.Security.Cryptography;
using Auth.Application.Ports;
using Auth.Domain.Keys;

namespace Auth.Application.Keys;

/// <summary>Generates RSA signing keys and encrypts them before they reach the database.</summary>
public static class SigningKeyFactory
{
    public const string Algorithm = "RS256";

    /// <summary>The secret protector's purpose string for signing keys; changing it makes stored keys unreadable.</summary>
    public const string ProtectionPurpose = "Auth.SigningKeys.v1";

    public const int KeySizeInBits = 2048;

    public static SigningKey Create(ISecretProtector protector, DateTimeOffset now, DateTimeOffset? signsFrom = null)
    {
        using var rsa = RSA.Create(KeySizeInBits);
        return Create(rsa, protector, now, signsFrom);
    }

    /// <summary>A signing key holding <paramref name="rsa"/>'s private key (the caller still disposes it).</summary>
    public static SigningKey Create(RSA rsa, ISecretProtector protector, DateTimeOffset now, DateTimeOffset? signsFrom = null)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        var privateKey = rsa.ExportPkcs8PrivateKey();
        try
        {
            var keyId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            return new SigningKey(keyId, Algorithm, protector.Protect(privateKey, ProtectionPurpose), now, signsFrom);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }
}
