namespace Auth.Application.Clients;

/// <summary>
/// What a client's <c>frontchannel_logout_uri</c> may be (OpenID Connect Front-Channel Logout 1.0 §2): an absolute URL
/// without a fragment, on the scheme, host and port of one of the client's redirect URIs, over https, or http to a
/// loopback host from a confidential client; its host a plain name or IPv4 address (<see cref="ClientLinks.HasPlainHost"/>),
/// since the sign-out page's Content-Security-Policy names its origin; at most <see cref="ClientLinks.MaximumLength"/>
/// characters, as the frames travel in the state of an upstream provider's logout.
/// </summary>
public static class FrontChannelLogoutUri
{
    public const string NotWellFormed =
        "The frontchannel logout URI must be an absolute https URL (http only on a loopback host) without a fragment, on an ASCII host name or an IPv4 address, of at most 2000 characters (OpenID Connect Front-Channel Logout 1.0 §2).";

    public const string NotOnARedirectOrigin =
        "The frontchannel logout URI must have the scheme, host and port of one of the client's redirect URIs (OpenID Connect Front-Channel Logout 1.0 §2).";

    public const string PlainHttpFromAPublicClient =
        "A frontchannel logout URI over http is for a confidential client (OpenID Connect Front-Channel Logout 1.0 §2); a public client's is https.";

    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= ClientLinks.MaximumLength && !value.Any(char.IsWhiteSpace) && Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo) &&
        OutboundUri.IsHttpsOrLoopback(uri) && ClientLinks.HasPlainHost(uri);

    /// <summary>"The domain, port, and scheme of this URL MUST be the same as that of a registered Redirection URI value."</summary>
    public static bool SharesARedirectUriOrigin(string value, IReadOnlyList<string> redirectUris) =>
        Uri.TryCreate(value, UriKind.Absolute, out var logout) && redirectUris.Any(redirect =>
            Uri.TryCreate(redirect, UriKind.Absolute, out var uri) &&
            string.Equals(uri.Scheme, logout.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(uri.IdnHost, logout.IdnHost, StringComparison.OrdinalIgnoreCase) &&
            uri.Port == logout.Port);

    public static bool IsPlainHttp(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp;
}
