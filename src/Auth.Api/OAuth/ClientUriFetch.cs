using System.Net;
using Auth.Application.Clients;
using OpenIddict.Abstractions;

namespace Auth.Api.OAuth;

/// <summary>
/// One GET to an address a client registered (its jwks_uri, its request_uris), as every such fetch is made: with the
/// caller's named <see cref="HttpClient"/> (redirects not followed), within a time bound, and reading the body only up
/// to a size bound, which neither a stated Content-Length nor the bytes sent may pass, so a client's server can make
/// this one neither wait nor buffer more. Failures are answers, not exceptions: the caller logs the reason. Each named
/// client has a twin for the clients that registered themselves, which connects only where the
/// <see cref="OutboundAddressGuard"/> permits (<see cref="ClientName"/>).
/// </summary>
public static class ClientUriFetch
{
    /// <summary>
    /// Registers the named <see cref="HttpClient"/> and its guarded twin: no redirect followed, nothing drained from an
    /// answer left unread, at most <paramref name="maximumConnectionsPerHost"/> connections to one host at a time.
    /// </summary>
    public static IServiceCollection AddClientUriFetching(this IServiceCollection services, string name, TimeSpan timeout, int maximumConnectionsPerHost)
    {
        services.AddHttpClient(name, client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, MaxResponseDrainSize = 0, MaxConnectionsPerServer = maximumConnectionsPerHost,
            });
        services.AddHttpClient(ClientName(name, selfRegistered: true), client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<OutboundAddressGuard>().Guard(new SocketsHttpHandler
            {
                AllowAutoRedirect = false, MaxResponseDrainSize = 0, MaxConnectionsPerServer = maximumConnectionsPerHost,
            }));
        return services;
    }

    /// <summary>The name of the client that fetches for a client registered by an operator, or for one that registered itself.</summary>
    public static string ClientName(string name, bool selfRegistered) => selfRegistered ? name + "-self-registered" : name;

    /// <summary>Whether the stored client registered itself, so that what is fetched for it is guarded (<see cref="ClientName"/>).</summary>
    public static async ValueTask<bool> IsSelfRegisteredAsync(this IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        ClientProperties.IsSelfRegistered(await applications.GetPropertiesAsync(application, cancellationToken));

    /// <returns>The body of a 200, or null and why there is none.</returns>
    public static async Task<(byte[]? Body, string? Problem)> GetAsync(
        HttpClient client, string uri, IReadOnlyList<string> accept, int maximumBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var mediaType in accept)
            {
                request.Headers.Accept.ParseAdd(mediaType);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"answered {(int)response.StatusCode}");
            }

            var tooLarge = $"answered more than {maximumBytes / 1024} KB";
            if (response.Content.Headers.ContentLength > maximumBytes)
            {
                return (null, tooLarge);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(bounded.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[8 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, bounded.Token)) > 0)
            {
                if (buffer.Length + read > maximumBytes)
                {
                    return (null, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A refused connection, a body cut short (HttpIOException), a timeout: the client's server gave nothing usable.
            return (null, ex is HttpRequestException request && OutboundAddressRefusedException.ReasonOf(request) is { } refused ? refused : ex.GetType().Name);
        }
    }
}
