using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Auth.Application.Users;

/// <summary>
/// The tokens of "set your password" links: 256 random bits, base64url, shown once; stored as their SHA-256 (a token
/// that cannot be guessed needs no slow hash), so the table alone opens no account.
/// </summary>
public static class PasswordSetupTokens
{
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(24);

    public static readonly TimeSpan MinimumValidity = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaximumValidity = TimeSpan.FromDays(7);

    /// <summary>Whether a link may be valid this long: absent (the default), or 5 minutes to 7 days.</summary>
    public static bool IsAllowedValidity(TimeSpan? validFor) => validFor is null || (validFor >= MinimumValidity && validFor <= MaximumValidity);

    /// <summary>The link a person opens: the set-password page with the token as its query.</summary>
    public static string LinkTo(Uri setPasswordPage, string token) => setPasswordPage.AbsoluteUri + "?token=" + Uri.EscapeDataString(token);

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
