using System.Security.Cryptography;
using System.Text;

namespace Auth.Application.Mfa;

/// <summary>
/// Recovery codes: 16 base32 characters (80 random bits) shown as four groups, compared after removing separators
/// and case, and stored as SHA-256 hashes (80 bits cannot be searched offline, so no slow hash is needed).
/// </summary>
public static class RecoveryCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string New()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        var chars = bytes.Select(b => Alphabet[b % 32]).ToArray();
        var code = new string(chars);
        return string.Join('-', code[..4], code[4..8], code[8..12], code[12..]);
    }

    public static string Hash(string code)
    {
        var normalized = new string([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
