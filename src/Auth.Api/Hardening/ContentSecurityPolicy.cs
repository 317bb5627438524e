using System.Security.Cryptography;
using System.Text;

namespace Auth.Api.Hardening;

/// <summary>
/// The Content-Security-Policy of every HTML page: nothing but this site's own files, no inline script or style
/// except the one script OpenIddict's form_post response runs, allowed by its hash (CSP Level 3 §8.4), no plugins, no
/// &lt;base&gt;, and no framing.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>
    /// The inline script of OpenIddict's form_post response page (OpenIddictServerAspNetCoreHandlers.Authentication,
    /// ProcessFormPostResponse), which submits the form to the client's redirect URI.
    /// </summary>
    public const string FormPostScript = "document.form.submit();";

    /// <summary>
    /// No <c>form-action</c>: it does not fall back to default-src, and a fixed list cannot hold. Chromium applies it to
    /// the redirects that follow a form submission, and the sign-in, second-factor and consent forms end in a redirect to
    /// the client's redirect URI (any origin or private-use scheme a client registered, RFC 8252 §7.1); the form_post
    /// page's form posts to that URI, and the logout form to the post-logout URI. The forms are rendered by this
    /// service with fixed actions, and with no script but the hashed one, injected markup cannot add a form that sends
    /// itself.
    /// </summary>
    public static readonly string ForPages = PagePolicy(imageSources: "");

    /// <summary>
    /// <see cref="ForPages"/> for a page that shows a client's logo (<see cref="Pages.ClientBranding"/>): images from the
    /// logo's origin too, and from nowhere else; <see cref="ForPages"/> itself for a logo whose host is not a plain
    /// ASCII name or IPv4 address (<see cref="Application.Clients.ClientLinks.HasPlainHost"/>), so nothing but a host
    /// and port is ever written into the policy.
    /// </summary>
    public static string ForPagesWithImagesFrom(Uri logo) =>
        logo.Scheme is "https" or "http" && Application.Clients.ClientLinks.HasPlainHost(logo)
            ? PagePolicy(" " + logo.Scheme + "://" + logo.IdnHost + (logo.IsDefaultPort ? "" : ":" + logo.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : ForPages;

    private static string PagePolicy(string imageSources) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(FormPostScript)))}'",
        "style-src 'self'",
        // The TOTP enrolment page shows its QR code as an SVG data: URI.
        "img-src 'self' data:" + imageSources,
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'");

    /// <summary>
    /// The API reference page (Scalar): its script files from this site and its one inline script by hash, the styles
    /// its script sets (inline, hence 'unsafe-inline' for styles only), and requests to this site alone (the
    /// document, the token endpoint, the operations it tries). Nothing from another origin, no plugins, no framing.
    /// </summary>
    /// <param name="inlineScriptHashes">The base64 SHA-256 of each inline script of the page.</param>
    public static string ForApiReference(IEnumerable<string> inlineScriptHashes) => string.Join("; ",
        "default-src 'self'",
        string.Join(' ', ["script-src 'self'", .. inlineScriptHashes.Select(hash => $"'sha256-{hash}'")]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'");
}
