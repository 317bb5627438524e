using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A form body sent in two parts: the first once the server asks for the body (so the request is running in the
/// application), the rest only when the test releases it. Keeps a request in flight for as long as a test needs.
/// </summary>
public sealed class HeldBackContent : HttpContent
{
    private readonly byte[] _first;
    private readonly byte[] _rest;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldBackContent(string first, string rest)
    {
        _first = Encoding.ASCII.GetBytes(first);
        _rest = Encoding.ASCII.GetBytes(rest);
        Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
    }

    /// <summary>Completes when the first part has been sent.</summary>
    public Task Started => _started.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>
    /// A request whose body waits for the server's 100 Continue, which Kestrel sends only when the application
    /// starts reading the body: once <see cref="Started"/> completes, the request is in the application.
    /// </summary>
    public static HttpRequestMessage Post(string path, HeldBackContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    /// <summary>A client that waits for 100 Continue as long as a test may take.</summary>
    public static HttpClient Client(Uri baseAddress) =>
        new(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_first);
        await stream.FlushAsync();
        _started.TrySetResult();
        await _released.Task;
        await stream.WriteAsync(_rest);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _first.Length + _rest.Length;
        return true;
    }
}
