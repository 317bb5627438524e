namespace Auth.Application.Clients;

/// <summary>
/// An address a client registers for this server to call (its jwks_uri, its request_uris, its back-channel logout URI):
/// https, or plain http only on the loopback interface (a developer's app on this machine), without user information.
/// </summary>
public static class OutboundUri
{
    public static bool IsHttpsOrLoopback(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback) && string.IsNullOrEmpty(uri.UserInfo);
}
