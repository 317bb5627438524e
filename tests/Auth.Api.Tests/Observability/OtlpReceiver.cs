using System.Collections.Concurrent;
using Auth.Api.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.Observability;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver, as small as it can be: a Kestrel app on a loopback port that
/// takes POST /v1/traces (application/x-protobuf), keeps each request's raw bytes and its decoded spans, and answers
/// with an empty ExportTraceServiceResponse.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _requests = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private WebApplication? _app;

    public OtlpReceiver(int? port = null) => Port = port ?? LoopbackPorts.Next();

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Every export request's body, as sent.</summary>
    public IReadOnlyList<byte[]> Requests => [.. _requests];

    /// <summary>Requests that were not an OTLP/HTTP protobuf trace export (method, path, content type).</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    public IReadOnlyList<ExportedSpan> Spans => Requests.SelectMany(OtlpTraceReader.Read).ToList();

    /// <summary>The settings that point a node's exporter here, with a short batch delay.</summary>
    public Dictionary<string, string?> ExporterSettings() => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    public async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Endpoint);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (context.Request.ContentType != "application/x-protobuf")
            {
                _refused.Enqueue($"POST /v1/traces {context.Request.ContentType}");
                return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            }

            _requests.Enqueue(body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapFallback((HttpContext context) =>
        {
            _refused.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.ContentType}");
            return Results.NotFound();
        });
        await app.StartAsync();
        _app = app;
        return this;
    }

    /// <summary>Waits until a span matches, or fails with what arrived.</summary>
    public async Task<ExportedSpan> SpanAsync(Func<ExportedSpan, bool> match, string what)
    {
        var found = await Eventually.ReadAsync(() => Task.FromResult(Spans.FirstOrDefault(match)), span => span is not null, TimeSpan.FromSeconds(20));
        Assert.That(found, Is.Not.Null, $"no exported span is {what}; received: {string.Join(", ", Spans.Select(Describe))}; refused: {string.Join(", ", Refused)}");
        return found!;
    }

    private static string Describe(ExportedSpan span) =>
        $"{span.Name} [trace {span.TraceId}, parent {span.ParentSpanId}, kind {span.Kind}, {string.Join(" ", span.Attributes.Where(a => a.Key.StartsWith("db.", StringComparison.Ordinal)).Select(a => $"{a.Key}={a.Value}"))}]";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
