using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.SignIn;

public static class ReturnUrls
{
    private const string OutsideUriSyntax = " \"<>\\^`{|}";

    /// <summary>
    /// Only a path on this site: "//evil", "/\evil" and absolute URLs are refused (IsLocalUrl), and so is anything
    /// with control characters. Anything else goes to the home page. The result is ready for a Location header.
    /// </summary>
    public static string LocalOrHome(IUrlHelper url, string? returnUrl) =>
        returnUrl is { Length: > 0 } candidate && url.IsLocalUrl(candidate) && !candidate.Any(char.IsControl) ? Escaped(candidate) : "/";

    /// <summary>
    /// A return URL arrives decoded, so it may hold characters a URI cannot (RFC 3986 §2): non-ASCII letters, spaces.
    /// Each becomes the percent-escapes of its UTF-8 bytes, as a browser would send it (RFC 3987 §3.1); existing escapes
    /// and every other character stay as they are. A header value of non-ASCII characters would otherwise make the
    /// server throw while writing the redirect.
    /// </summary>
    public static string Escaped(string url)
    {
        if (url.All(c => char.IsAscii(c) && !OutsideUriSyntax.Contains(c)))
        {
            return url;
        }

        var escaped = new StringBuilder(url.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii && !OutsideUriSyntax.Contains((char)rune.Value))
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            // An unpaired surrogate arrives as U+FFFD, which encodes like any other character.
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
