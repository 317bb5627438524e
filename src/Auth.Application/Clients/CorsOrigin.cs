namespace Auth.Application.Clients;

/// <summary>
/// A web origin a browser app calls the token, userinfo, revocation, discovery and JWKS endpoints from (the Fetch
/// standard's CORS protocol; Keycloak's "web origins", Duende's <c>AllowedCorsOrigins</c>): a scheme, a host and a
/// port, written as browsers send it in the <c>Origin</c> header (RFC 6454 §6.2).
/// </summary>
public static class CorsOrigin
{
    /// <summary>
    /// The origin as browsers serialize it (scheme and host in lower case, the scheme's default port left out), or null
    /// when <paramref name="value"/> is not one: https, or http on a loopback host (a developer's app); no user
    /// information, path (a lone "/" is taken as none), query, fragment or percent-encoding (nor an IPv6 zone); never the
    /// wildcard or the opaque "null".
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2048 || value.Trim() != value ||
            value.IndexOfAny(['\\', '?', '#', '@', '%']) >= 0)
        {
            return null;
        }

        // The scheme written out with "//" (Uri also reads "https:host"), so the authority is where it seems to be.
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || schemeEnd != uri.Scheme.Length)
        {
            return null;
        }

        // The path as written: Uri would make "" and "/" the same, but "/app" must not pass for an origin.
        var pathStart = value.IndexOf('/', schemeEnd + 3);
        var path = pathStart < 0 ? string.Empty : value[pathStart..];
        var secure = uri.Scheme == Uri.UriSchemeHttps;
        if (!(secure || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) || uri.UserInfo.Length > 0 || path is not ("" or "/") || uri.AbsolutePath != "/" ||
            uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic || uri.Host.Length == 0)
        {
            return null;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    /// <summary>The origins as one client setting (<see cref="ClientSettings.AllowedCorsOrigins"/>): normalized, once each, sorted.</summary>
    public static string ToSetting(IEnumerable<string> origins) =>
        ClientSettings.List(origins.Select(o => Normalize(o) ?? throw new ArgumentException($"'{o}' is not an origin.", nameof(origins))).Order(StringComparer.Ordinal));
}
