using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Auth.Api.SignIn;

/// <summary>
/// The cookie handler's redirects to the sign-in page, as a path on this site. By default the handler writes an absolute
/// URL made of the request's scheme and its Host header, which is whatever the sender put there.
/// </summary>
public static class PathOnlyRedirects
{
    public static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(PathOf(context.RedirectUri, context.Request));
        return Task.CompletedTask;
    }

    /// <summary>The handler's URL without the origin it prefixed (<c>scheme://host</c>); "/" for anything else.</summary>
    public static string PathOf(string redirectUri, HttpRequest request)
    {
        var origin = request.Scheme + Uri.SchemeDelimiter + request.Host;
        var path = redirectUri.StartsWith(origin, StringComparison.OrdinalIgnoreCase) ? redirectUri[origin.Length..] : redirectUri;

        // "//host" and "/\host" are protocol-relative URLs to another site.
        return path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal) ? path : "/";
    }
}
