using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// The redirect URI of the client the test plays itself: a page that says the sign-in came back, and a record of
/// every URL the browser brought here, so a test can tell that no code was delivered. A form_post response (OAuth 2.0
/// Form Post Response Mode) arrives as a POST to the same address; its fields are recorded as a query. It serves a
/// client's logo too (<see cref="LogoPath"/>, a one-pixel PNG), from the client's own origin.
/// </summary>
public sealed class CallbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Uri> _received = new();

    private CallbackApp(WebApplication app) => _app = app;

    public const string LogoPath = "/logo.png";

    private static readonly byte[] Logo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public IReadOnlyCollection<Uri> Received => _received;

    public static async Task<CallbackApp> StartAsync(Uri callback)
    {
        var app = LoopbackApp.CreateBuilder(callback.Port).Build();
        var callbackApp = new CallbackApp(app);
        app.MapGet(callback.AbsolutePath, (HttpRequest request) =>
        {
            callbackApp._received.Enqueue(new Uri(request.GetEncodedUrl()));
            return TypedResults.Content("<!doctype html><title>Callback</title><p>Back at the client.</p>", "text/html");
        });
        app.MapPost(callback.AbsolutePath, async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            callbackApp._received.Enqueue(new Uri(QueryHelpers.AddQueryString(request.GetEncodedUrl(), form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString())))));
            return TypedResults.Content("<!doctype html><title>Callback</title><p>Back at the client.</p>", "text/html");
        }).DisableAntiforgery();
        app.MapGet(LogoPath, () => TypedResults.Bytes(Logo, "image/png"));
        await app.StartAsync();
        return callbackApp;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
