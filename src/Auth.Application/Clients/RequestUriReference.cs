namespace Auth.Application.Clients;

/// <summary>
/// Request objects passed by reference (OpenID Connect Core §6.2, RFC 9101 §5.2): the <c>request_uris</c> a client
/// registers (OpenID Connect Dynamic Client Registration §2), the only addresses the server fetches a request object
/// from, since it requires registration (<c>require_request_uri_registration</c>, RFC 9101 §10.4.1: a server that
/// fetches any URI a request names can be made to send requests into its own network). A fragment (the SHA-256 of the
/// object, §6.2 suggests) is allowed and ignored when a request's URI is matched with the registered ones.
/// </summary>
public static class RequestUriReference
{
    /// <summary>OpenID Connect Core §6.2: the entire request URI does not exceed 512 ASCII characters.</summary>
    public const int MaximumLength = 512;

    /// <summary>How many request URIs a client registers at most.</summary>
    public const int MaximumUris = 10;

    /// <summary>
    /// Null when <paramref name="requestUri"/> can be registered: an absolute https URI (http only on loopback) of
    /// printable ASCII, without user information, written as it is sent (lower-case scheme and host, no default port, a
    /// path, no backslash), so the address an operator reads is the one fetched.
    /// </summary>
    public static string? Problem(string? requestUri)
    {
        if (requestUri is null || requestUri.Length > MaximumLength || requestUri.Any(c => c is <= ' ' or > '~') ||
            !Uri.TryCreate(requestUri, UriKind.Absolute, out var uri) || uri.IsFile || !requestUri.Contains("://", StringComparison.Ordinal))
        {
            return $"Each of requestUris is an absolute https URI of at most {MaximumLength} printable ASCII characters.";
        }

        if (!OutboundUri.IsHttpsOrLoopback(uri))
        {
            return "requestUris are https (http only on the loopback interface: localhost, 127.0.0.1, [::1]) without user information.";
        }

        return string.Equals(WithoutFragment(requestUri), uri.GetLeftPart(UriPartial.Query), StringComparison.Ordinal)
            ? null
            : $"Each of requestUris is written as it is sent: {uri.GetLeftPart(UriPartial.Query)} (a lower-case scheme and host, no default port, a path, no backslash).";
    }

    /// <summary>
    /// The registered URI that <paramref name="requestUri"/> is, its fragment aside, character for character; null when
    /// it is none of <paramref name="registered"/>. The registered one is what is fetched, never the request's text.
    /// </summary>
    public static string? Registered(IEnumerable<string> registered, string requestUri) =>
        requestUri.Length > MaximumLength
            ? null
            : registered.FirstOrDefault(uri => string.Equals(WithoutFragment(uri), WithoutFragment(requestUri), StringComparison.Ordinal));

    private static string WithoutFragment(string uri) => uri.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? uri[..hash] : uri;
}
