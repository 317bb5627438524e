using System.Collections.Concurrent;
using System.Net;
using Auth.Api.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// A client's own web server on the loopback interface, publishing request objects at <c>/ro/{name}</c> as a client
/// passing them by reference does (OpenID Connect Core §6.2): the test puts what each address answers, and the host
/// counts the fetches and keeps the last request's headers.
/// </summary>
public sealed class RequestObjectHost : IAsyncDisposable
{
    /// <summary>How an answer's body is sent.</summary>
    public enum Delivery
    {
        /// <summary>With its Content-Length.</summary>
        Whole,

        /// <summary>In chunks, its length unknown until the end.</summary>
        Chunked,

        /// <summary>A Content-Length of more than is sent, then the connection dropped.</summary>
        CutShort,
    }

    private readonly WebApplication _app;
    private readonly Uri _baseAddress;
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body, Delivery Delivery)> _answers = new(StringComparer.Ordinal);
    private int _fetches;

    private RequestObjectHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        _baseAddress = baseAddress;
    }

    /// <summary>How many requests reached the host, on any path.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public IHeaderDictionary? LastHeaders { get; private set; }

    public static async Task<RequestObjectHost> StartAsync()
    {
        var (app, baseAddress) = LoopbackWebApp.Create();
        var host = new RequestObjectHost(app, baseAddress);
        app.MapGet("/ro/{name}", async (HttpContext context, string name) =>
        {
            Interlocked.Increment(ref host._fetches);
            host.LastHeaders = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            var (status, body, delivery) = host._answers.TryGetValue(name, out var answer) ? answer : (404, [], Delivery.Whole);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/oauth-authz-req+jwt";
            switch (delivery)
            {
                case Delivery.Whole:
                    context.Response.ContentLength = body.Length;
                    await context.Response.Body.WriteAsync(body);
                    break;
                case Delivery.Chunked:
                    await context.Response.Body.WriteAsync(body);
                    break;
                default:
                    context.Response.ContentLength = body.Length + 1000;
                    await context.Response.Body.WriteAsync(body);
                    await context.Response.Body.FlushAsync();
                    context.Abort();
                    break;
            }
        });
        app.MapGet("/moved/{name}", (HttpContext context, string name) =>
        {
            Interlocked.Increment(ref host._fetches);
            context.Response.Redirect(host.UriOf(name));
        });
        await app.StartAsync();
        return host;
    }

    /// <summary>The address of the object named <paramref name="name"/>.</summary>
    public string UriOf(string name) => new Uri(_baseAddress, "ro/" + name).AbsoluteUri;

    /// <summary>An address that answers 302 to <see cref="UriOf"/> <paramref name="name"/>.</summary>
    public string RedirectTo(string name) => new Uri(_baseAddress, "moved/" + name).AbsoluteUri;

    /// <summary>What <see cref="UriOf"/> <paramref name="name"/> answers from now on.</summary>
    public void Publish(string name, string body, int status = 200, Delivery delivery = Delivery.Whole) =>
        Publish(name, System.Text.Encoding.UTF8.GetBytes(body), status, delivery);

    /// <summary>What <see cref="UriOf"/> <paramref name="name"/> answers from now on, byte for byte.</summary>
    public void Publish(string name, byte[] body, int status = 200, Delivery delivery = Delivery.Whole) => _answers[name] = (status, body, delivery);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
