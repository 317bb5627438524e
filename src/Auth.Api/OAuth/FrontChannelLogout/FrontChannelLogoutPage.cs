using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Auth.Application.Clients;

namespace Auth.Api.OAuth.FrontChannelLogout;

/// <summary>
/// The page that signs a user out of the session's applications in the browser (OpenID Connect Front-Channel Logout
/// 1.0 §3): one hidden iframe per client's front-channel logout URI (sandboxed: the client's page runs its script and
/// clears its own session, and opens no window, navigates no other frame and submits no form), then on to where the sign-out goes next (the
/// client's post_logout_redirect_uri or the signed-out page) once every frame has loaded, or after
/// <see cref="Patience"/> if one does not. Without script, a link and a refresh after a few seconds go on instead.
/// Its Content-Security-Policy allows frames from those origins alone and no script but its own, by hash.
/// </summary>
public static class FrontChannelLogoutPage
{
    /// <summary>How long the page waits for the clients' pages before it goes on without them.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The page's one script: on once every frame has loaded (the window's load event waits for them), or after the
    /// wait, whichever comes first, once.
    /// </summary>
    public static readonly string Script = string.Create(CultureInfo.InvariantCulture,
        $"(function(){{var gone=false;var next=function(){{if(gone){{return;}}gone=true;window.location.replace(document.getElementById(\"next\").href);}};window.addEventListener(\"load\",next);setTimeout(next,{Patience.TotalMilliseconds});}})();");

    private static readonly string ScriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));

    /// <summary>
    /// Writes the page, which loads <paramref name="frames"/> and then goes to <paramref name="next"/> (a local path, or
    /// a post-logout URI checked against the client's registration); a <c>javascript:</c>, <c>data:</c> or
    /// <c>vbscript:</c> address, which no browser should run on this origin, is replaced by the signed-out page.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, IReadOnlyList<Uri> frames, string next, CancellationToken cancellationToken)
    {
        next = IsNavigable(next) ? next : Routes.SignedOut;
        var html = HtmlEncoder.Default;
        var page = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" />")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
            .Append(CultureInfo.InvariantCulture, $"<title>Signing out</title><link rel=\"stylesheet\" href=\"{html.Encode(context.Request.PathBase + "/site.css")}\" />")
            .Append(CultureInfo.InvariantCulture, $"<noscript><meta http-equiv=\"refresh\" content=\"{(int)Patience.TotalSeconds};url={html.Encode(next)}\" /></noscript>")
            .Append("</head><body><main>")
            .Append("<h1>You are signed out</h1>")
            .Append("<p class=\"subtitle\">The applications you signed in to here are being told; you will be sent on in a moment.</p>")
            .Append(CultureInfo.InvariantCulture, $"<p><a id=\"next\" href=\"{html.Encode(next)}\">Continue</a></p>");
        foreach (var frame in frames)
        {
            page.Append(CultureInfo.InvariantCulture, $"<iframe hidden sandbox=\"allow-scripts allow-same-origin\" data-testid=\"frontchannel-logout\" title=\"Signing out of an application\" src=\"{html.Encode(frame.AbsoluteUri)}\"></iframe>");
        }

        page.Append(CultureInfo.InvariantCulture, $"<script>{Script}</script></main></body></html>");

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = Policy(frames);
        await response.WriteAsync(page.ToString(), cancellationToken);
    }

    private static bool IsNavigable(string next) =>
        !Uri.TryCreate(next, UriKind.Absolute, out var uri) || uri.Scheme is not ("javascript" or "data" or "vbscript");

    /// <summary>Frames from the clients' origins alone (a host that is not a plain name or IPv4 address is left out, so
    /// nothing but a host and port is ever written into the header); nothing else from anywhere but this site.</summary>
    public static string Policy(IEnumerable<Uri> frames)
    {
        var origins = frames
            .Where(frame => frame.Scheme is "https" or "http" && ClientLinks.HasPlainHost(frame))
            .Select(frame => frame.Scheme + "://" + frame.IdnHost + (frame.IsDefaultPort ? string.Empty : ":" + frame.Port.ToString(CultureInfo.InvariantCulture)))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'sha256-{ScriptHash}'",
            "style-src 'self'",
            "img-src 'self'",
            string.Join(' ', ["frame-src", .. origins]),
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
    }
}
