using System.Text.RegularExpressions;

namespace Auth.Application.Clients;

/// <summary>
/// What a client shows its users through this server's sign-in, consent and device pages (OpenID Connect Dynamic Client
/// Registration 1.0 §2): its logo (<c>logo_uri</c>), its privacy policy (<c>policy_uri</c>) and its terms of service
/// (<c>tos_uri</c>). The pages link to them and load the logo; the server itself never fetches them.
/// </summary>
public static partial class ClientLinks
{
    /// <summary>The longest link kept.</summary>
    public const int MaximumLength = 2_000;

    /// <summary>
    /// Why <paramref name="value"/> cannot be one of these links, naming it <paramref name="member"/>; null when it
    /// can: an absolute https URL (http only on a loopback host), without user name or password, on a host name
    /// written in ASCII (an international one as its xn-- form) or an IPv4 address, at most <see cref="MaximumLength"/>
    /// characters. The pages show it as given, and a page showing the logo lets images load from its origin.
    /// </summary>
    public static string? Problem(string value, string member) =>
        value.Length <= MaximumLength && !value.Any(char.IsWhiteSpace) && Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        OutboundUri.IsHttpsOrLoopback(uri) && HasPlainHost(uri)
            ? null
            : $"{member} must be an absolute https URL (http only on a loopback host) without user name or password, on an ASCII host name (xn-- for an international one) or an IPv4 address, of at most {MaximumLength} characters.";

    /// <summary>
    /// The URI's host is a DNS name in ASCII or an IPv4 address, exactly as a browser will ask for it: the only hosts
    /// written into a Content-Security-Policy source (no IPv6 literal, zone or character a policy would read as syntax).
    /// </summary>
    public static bool HasPlainHost(Uri uri) =>
        uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 && uri.IdnHost == uri.Host && PlainHost().IsMatch(uri.IdnHost);

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\z")]
    private static partial Regex PlainHost();
}
