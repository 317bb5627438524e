using System.Buffers.Text;
using Auth.Application.Ports;
using Microsoft.AspNetCore.DataProtection;

namespace Auth.Infrastructure.Security;

/// <summary>Secrets encrypted with ASP.NET Data Protection, whose key ring lives in the database under the master key.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public string Protect(ReadOnlySpan<byte> secret, string purpose) =>
        Base64Url.EncodeToString(provider.CreateProtector(purpose).Protect(secret.ToArray()));

    public byte[] Unprotect(string protectedSecret, string purpose) =>
        provider.CreateProtector(purpose).Unprotect(Base64Url.DecodeFromChars(protectedSecret));
}
