using System.Net;
using System.Text;

namespace Auth.Api.OAuth;

/// <summary>
/// Request objects passed by reference (OpenID Connect Core §6.2, RFC 9101 §5.2): fetched from a <c>request_uri</c>
/// the client registered (<see cref="Application.Clients.RequestUriReference"/>), with a GET that follows no redirect,
/// within <see cref="Timeout"/> and at most <see cref="MaximumBytes"/>; a 200 whose body is the JWT. Nothing is kept:
/// what a URI holds may change between two requests, and a signed object makes the sign-in round trip as itself
/// (<see cref="SignedRequest"/>), so it is fetched once per authorization request.
/// </summary>
public sealed partial class RequestUriObjects(IHttpClientFactory http, ILogger<RequestUriObjects> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> that fetches the objects.</summary>
    public const string HttpClientName = "client-request-uri";

    /// <summary>Far more than an authorization request needs, and more than a signed one can carry through the sign-in.</summary>
    public const int MaximumBytes = 16 * 1024;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>The request object as the URI serves it (surrounding white space trimmed), or null when it serves none.</returns>
    public async Task<string?> FetchAsync(string clientId, string requestUri, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var client = http.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, requestUri);
            request.Headers.Accept.ParseAdd("application/" + RequestObject.MediaType);
            request.Headers.Accept.ParseAdd("application/jwt");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogRefused(logger, clientId, $"answered {(int)response.StatusCode}");
                return null;
            }

            if (await BoundedBody.ReadAsync(response, MaximumBytes, timeout.Token) is not { } body)
            {
                LogRefused(logger, clientId, $"answered more than {MaximumBytes / 1024} KB");
                return null;
            }

            var text = StrictUtf8.GetString(body).Trim();
            if (text.Length == 0)
            {
                LogRefused(logger, clientId, "answered nothing");
                return null;
            }

            return text;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ArgumentException
                                   && !cancellationToken.IsCancellationRequested)
        {
            LogRefused(logger, clientId, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request_uri of client {ClientId} gave no request object: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string clientId, string reason);
}
