namespace Auth.Api.Authorization;

/// <summary>
/// The credentials of a request's <c>Authorization</c> header under one scheme (RFC 9110 §11.6.2: the scheme is
/// case-insensitive): <c>Bearer</c> (RFC 6750 §2.1) or <c>DPoP</c> (RFC 9449 §7.1).
/// </summary>
public static class AuthorizationHeader
{
    /// <summary>Whether the header names <paramref name="scheme"/>, whatever follows it.</summary>
    public static bool Uses(HttpRequest request, string scheme)
    {
        var header = request.Headers.Authorization.ToString();
        return header.Length > scheme.Length && header[scheme.Length] == ' ' && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The credentials after <paramref name="scheme"/>, or null when the header names another scheme or none.</summary>
    public static string? Credentials(HttpRequest request, string scheme) =>
        Uses(request, scheme) && request.Headers.Authorization.ToString()[(scheme.Length + 1)..].Trim() is { Length: > 0 } credentials
            ? credentials
            : null;
}
