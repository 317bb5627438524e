using System.Security.Cryptography.X509Certificates;
using Auth.Domain.IdentityProviders;

namespace Auth.Infrastructure.IdentityProviders;

/// <summary>
/// A provider as the OpenID Connect client uses it: its stored settings (with its domains, detached from any
/// context), and its credential decrypted once. <see cref="Provider"/> must not be changed.
/// </summary>
/// <param name="ClientSecret">With client_secret_basic or client_secret_post.</param>
/// <param name="SigningCertificate">With private_key_jwt: the certificate with its private key.</param>
public sealed record LoadedIdentityProvider(IdentityProvider Provider, string? ClientSecret, X509Certificate2? SigningCertificate)
{
    public string Id => Provider.Id;

    // A record prints every member: the secret must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Version = ").Append(Provider.Version);
        return true;
    }
}
