using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A self-signed TLS server certificate for 127.0.0.1 and localhost, made for one fixture, for a proxy the test starts
/// in front of the service. The tests' own clients accept exactly this certificate and no other.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public static TestCertificate Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=auth-test-proxy", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificate(request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7)));
    }

    /// <summary>Writes the certificate and its private key as PEM files, as nginx and Caddy read them.</summary>
    public void WritePem(string certificateFile, string keyFile)
    {
        File.WriteAllText(certificateFile, Certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>True for this certificate only, whatever the machine's trust store says about any other.</summary>
    public bool Accepts(X509Certificate? presented) =>
        presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(Certificate.RawData);

    /// <summary>A handler for clients that talk to the proxy: it trusts this certificate and nothing else.</summary>
    public HttpClientHandler CreateHandler() => new() { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => Accepts(certificate) };

    public void Dispose() => Certificate.Dispose();
}
