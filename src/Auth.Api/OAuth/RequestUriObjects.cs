using System.Text;

namespace Auth.Api.OAuth;

/// <summary>
/// Request objects passed by reference (OpenID Connect Core §6.2, RFC 9101 §5.2): fetched from a <c>request_uri</c>
/// the client registered (<see cref="Application.Clients.RequestUriReference"/>) by <see cref="ClientUriFetch"/> (for a
/// client that registered itself, only from where the <see cref="OutboundAddressGuard"/> permits), within <see cref="Timeout"/> and at most <see cref="MaximumBytes"/>; a 200 whose body, UTF-8, is the JWT. At most
/// <see cref="MaximumConnectionsPerHost"/> fetches to one host at a time (the rest wait, within their time bound), so
/// requests naming a slow host cannot hold many of this server's connections. Nothing is kept: what a URI holds may
/// change between two requests, and a signed object makes the sign-in round trip as itself
/// (<see cref="SignedRequest"/>), so it is fetched once per authorization request.
/// </summary>
public sealed partial class RequestUriObjects(IHttpClientFactory http, ILogger<RequestUriObjects> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> that fetches the objects.</summary>
    public const string HttpClientName = "client-request-uri";

    /// <summary>Far more than an authorization request needs.</summary>
    public const int MaximumBytes = 16 * 1024;

    public const int MaximumConnectionsPerHost = 4;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>The request object as the URI serves it (white space around it trimmed), or null when it serves none.</returns>
    public async Task<string?> FetchAsync(string clientId, string requestUri, bool selfRegistered, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient(ClientUriFetch.ClientName(HttpClientName, selfRegistered));
        var (body, problem) = await ClientUriFetch.GetAsync(
            client, requestUri, ["application/" + RequestObject.MediaType, "application/jwt"], MaximumBytes, Timeout, cancellationToken);
        if (body is null)
        {
            LogRefused(logger, clientId, problem!);
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body).Trim();
        }
        catch (DecoderFallbackException)
        {
            LogRefused(logger, clientId, "answered text that is not UTF-8");
            return null;
        }

        if (text.Length == 0)
        {
            LogRefused(logger, clientId, "answered nothing");
            return null;
        }

        return text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request_uri of client {ClientId} gave no request object: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string clientId, string reason);
}
