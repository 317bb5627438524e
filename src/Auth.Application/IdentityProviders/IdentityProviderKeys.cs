using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Auth.Application.Ports;
using Auth.Domain.IdentityProviders;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// The key this service signs its <c>private_key_jwt</c> client assertions with (RFC 7523 §2.2), one per provider,
/// with a self-signed certificate to upload to the upstream application (Entra ID asks for a certificate, Okta for
/// the public JWK). The private key is stored encrypted, like the client secret.
/// </summary>
public static class IdentityProviderKeys
{
    /// <summary>The secret protector's purpose for client secrets; changing it makes stored secrets unreadable.</summary>
    public const string ClientSecretPurpose = "Auth.IdentityProviders.ClientSecret.v1";

    /// <summary>The purpose for <c>private_key_jwt</c> keys.</summary>
    public const string SigningKeyPurpose = "Auth.IdentityProviders.SigningKey.v1";

    public const int KeySizeInBits = 2048;

    /// <summary>How long the certificate is valid; the upstream checks it, this service does not.</summary>
    public static readonly TimeSpan CertificateLifetime = TimeSpan.FromDays(2 * 365);

    public static void CreateFor(IdentityProvider provider, ISecretProtector protector, DateTimeOffset now)
    {
        using var rsa = RSA.Create(KeySizeInBits);
        var request = new CertificateRequest($"CN={provider.Id}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + CertificateLifetime);
        var privateKey = rsa.ExportPkcs8PrivateKey();
        try
        {
            provider.ProtectedSigningKey = protector.Protect(privateKey, SigningKeyPurpose);
            provider.SigningCertificate = certificate.RawData;
            // The x5t thumbprint Entra ID expects in the assertion's header doubles as the key id.
            provider.SigningKeyId = Base64Url.EncodeToString(certificate.GetCertHash());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    public static void Clear(IdentityProvider provider)
    {
        provider.ProtectedSigningKey = null;
        provider.SigningCertificate = null;
        provider.SigningKeyId = null;
    }

    /// <summary>The certificate in PEM, to give the upstream application.</summary>
    public static string? CertificatePem(byte[]? certificate) =>
        certificate is null ? null : PemEncoding.WriteString("CERTIFICATE", certificate);
}
