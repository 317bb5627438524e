using System.Collections.Concurrent;
using System.Net;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A relying party's back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 §2.5): an HTTP listener on a
/// loopback port of its own that records every logout token POSTed to it, under the path it came to (one path per
/// client). It can answer with an error, be down (stopped, or never started), and start again on the same port.
/// </summary>
public sealed class LogoutReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedLogout> _received = new();
    private HttpListener? _listener;
    private Task? _loop;
    private int _refused;

    public LogoutReceiver() => Port = LoopbackPorts.Next();

    public int Port { get; }

    /// <summary>What the endpoint answers: 200, or an error for a relying party that is struggling.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    /// <summary>The tokens taken with a 200.</summary>
    public IReadOnlyList<ReceivedLogout> Received => [.. _received];

    /// <summary>The POSTs answered with an error.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public string UriFor(string clientId) => $"http://127.0.0.1:{Port}/logout/{clientId}";

    public IReadOnlyList<ReceivedLogout> For(string clientId) => Received.Where(r => r.ClientId == clientId).ToList();

    public LogoutReceiver Start()
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _listener = listener;
        _loop = Task.Run(() => ServeAsync(listener));
        return this;
    }

    public async Task StopAsync()
    {
        if (_listener is { } listener)
        {
            _listener = null;
            listener.Close();
            await _loop!;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
            var answer = Answer;
            if (answer == HttpStatusCode.OK)
            {
                _received.Enqueue(new ReceivedLogout(
                    context.Request.Url!.AbsolutePath["/logout/".Length..], context.Request.HttpMethod, context.Request.ContentType, form["logout_token"].ToString()));
            }
            else
            {
                Interlocked.Increment(ref _refused);
            }

            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }
}

/// <param name="ClientId">The client whose endpoint the token came to (the path's last segment).</param>
public sealed record ReceivedLogout(string ClientId, string Method, string? ContentType, string LogoutToken);
