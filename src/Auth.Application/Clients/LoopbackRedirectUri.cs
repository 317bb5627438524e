using System.Net;

namespace Auth.Application.Clients;

/// <summary>
/// RFC 8252 §7.3: a native app receives its authorization response on a loopback IP address at a port the operating
/// system gives it for the occasion, so a registered <c>http://127.0.0.1/…</c> or <c>http://[::1]/…</c> redirect URI
/// matches a request's at any port. Everything else must still be the same character for character: scheme, address,
/// path and query; a host name such as <c>localhost</c> (RFC 8252 §8.3: not recommended) matches exactly only.
/// </summary>
public static class LoopbackRedirectUri
{
    public static bool MatchesIgnoringPort(string registered, string requested) =>
        WithoutPort(registered) is { } expected && WithoutPort(requested) is { } actual && string.Equals(expected, actual, StringComparison.Ordinal);

    /// <summary>The URI without its port when it is http on a loopback IP literal, without user information or fragment; else null.</summary>
    private static string? WithoutPort(string text)
    {
        // A backslash is a slash to browsers and to Uri, but not to the comparison below: none is taken.
        if (text.Contains('\\', StringComparison.Ordinal) || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp ||
            uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || !IPAddress.TryParse(uri.Host, out var address) ||
            !IPAddress.IsLoopback(address) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        // The path and query as written (Uri would unescape or normalize them).
        var authorityEnd = text.IndexOfAny(['/', '?'], text.IndexOf("//", StringComparison.Ordinal) + 2);
        var rest = authorityEnd < 0 ? string.Empty : text[authorityEnd..];
        return $"http://{uri.Host}{rest}";
    }
}
