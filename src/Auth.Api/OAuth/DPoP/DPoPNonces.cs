using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.OAuth.DPoP;

/// <summary>
/// Server nonces for DPoP proofs (RFC 9449 §8, §9): the time a nonce was made, sealed with the Data Protection key ring
/// every node shares, so any node accepts another's nonce without shared state, and a nonce is good for
/// <see cref="Lifetime"/>. A proof that carries a nonce must carry a current one; whether every proof must carry one is
/// <c>OAuth:DPoPNonceRequired</c>.
/// </summary>
public sealed class DPoPNonces(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    /// <summary>How long a nonce is accepted after it was made: a new one comes with every refusal for an old one.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Auth.DPoP.Nonce.v1");

    public string Create()
    {
        Span<byte> made = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(made, clock.GetUtcNow().ToUnixTimeMilliseconds());
        return Base64UrlEncoder.Encode(_protector.Protect(made.ToArray()));
    }

    public bool IsCurrent(string nonce)
    {
        byte[] made;
        try
        {
            made = _protector.Unprotect(Base64UrlEncoder.DecodeBytes(nonce));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }

        if (made.Length != 8)
        {
            return false;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(made));
        return age >= -DPoPProofReader.FutureSkew && age <= Lifetime;
    }
}
