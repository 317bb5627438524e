using System.Net;
using Auth.Api.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.OAuth.PrivateKeyJwt;

/// <summary>
/// A client's own web server on the loopback interface, publishing its key set at <see cref="JwksUri"/> as a real
/// client does: what it answers (<see cref="Body"/>, <see cref="Status"/>, a redirect) is changed by the test, and it
/// counts the fetches.
/// </summary>
public sealed class JwksHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _fetches;

    private JwksHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        JwksUri = new Uri(baseAddress, "jwks").AbsoluteUri;
        RedirectingUri = new Uri(baseAddress, "moved").AbsoluteUri;
    }

    public string JwksUri { get; }

    /// <summary>Answers 302 to <see cref="JwksUri"/>.</summary>
    public string RedirectingUri { get; }

    public string Body { get; set; } = """{"keys":[]}""";

    public int Status { get; set; } = 200;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The headers of the last request for the key set.</summary>
    public IHeaderDictionary? LastHeaders { get; private set; }

    public static async Task<JwksHost> StartAsync()
    {
        var (app, baseAddress) = LoopbackWebApp.Create();
        var host = new JwksHost(app, baseAddress);
        app.MapGet("/jwks", async (HttpContext context) =>
        {
            Interlocked.Increment(ref host._fetches);
            host.LastHeaders = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            context.Response.StatusCode = host.Status;
            context.Response.ContentType = "application/jwk-set+json";
            await context.Response.WriteAsync(host.Body);
        });
        app.MapGet("/moved", (HttpContext context) =>
        {
            Interlocked.Increment(ref host._fetches);
            context.Response.Redirect(host.JwksUri);
        });
        await app.StartAsync();
        return host;
    }

    /// <summary>Publishes the public keys of <paramref name="keys"/>.</summary>
    public void Publish(params ClientKeys[] keys) =>
        Body = System.Text.Json.JsonSerializer.Serialize(new { keys = keys.Select(k => ClientKeys.Members(k.PublicJwk)) });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
