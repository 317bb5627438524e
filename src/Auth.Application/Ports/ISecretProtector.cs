namespace Auth.Application.Ports;

/// <summary>Encrypts secrets that must be read back (signing keys, TOTP secrets) before they are stored.</summary>
public interface ISecretProtector
{
    string Protect(ReadOnlySpan<byte> secret, string purpose);

    byte[] Unprotect(string protectedSecret, string purpose);
}
