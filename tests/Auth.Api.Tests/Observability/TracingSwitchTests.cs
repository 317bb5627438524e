using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Auth.Api.Tests.Observability;

/// <summary>
/// What turns tracing on: OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. Without either no tracer
/// exists and nothing is exported, yet log lines and audit records still carry a W3C trace id.
/// </summary>
public sealed class TracingSwitchTests(StoreKind store) : ServerTest(store)
{
    /// <summary>Where an OTLP/HTTP exporter sends when no endpoint is configured.</summary>
    private const int DefaultOtlpHttpPort = 4318;

    [Test]
    public void The_server_has_no_tracer_without_an_endpoint()
    {
        Assume.That(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") + Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
            Is.Empty, "the test process itself is told to export");
        Assert.That(Server.Services.GetService<TracerProvider>(), Is.Null);
    }

    [Test]
    public async Task A_node_without_an_endpoint_sends_nothing_to_the_default_one()
    {
        if (!PortIsFree(DefaultOtlpHttpPort))
        {
            Assert.Ignore($"port {DefaultOtlpHttpPort} is taken on this machine: the default OTLP endpoint cannot be watched.");
        }

        await using var receiver = await new OtlpReceiver(DefaultOtlpHttpPort).StartAsync();
        var settings = receiver.ExporterSettings();
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        settings["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = null;
        settings["Logging:Console:FormatterName"] = "json";
        settings["Logging:LogLevel:Default"] = "Information";
        var node = await StartNodeBesideAsync(settings);

        var token = await new OAuthClient(node.Client).GetAccessTokenAsync(TestSeed.ServiceA);
        using var again = await node.Client.GetAsync("/.well-known/openid-configuration");
        var audit = await Eventually.ReadAsync(
            () => Task.FromResult(node.Output.Select(ParseOrNull).FirstOrDefault(line => line?.TryGetProperty("EventId", out var id) == true && id.GetInt32() == 9000)),
            line => line is not null,
            TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.That(audit, Is.Not.Null, "the token's audit line");
        var correlationId = audit!.Value.GetProperty("State").GetProperty("CorrelationId").GetString();
        var traceIds = audit.Value.GetProperty("Scopes").EnumerateArray()
            .Where(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out _))
            .Select(scope => scope.GetProperty("TraceId").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(token, Is.Not.Empty);
            Assert.That(receiver.Requests, Is.Empty, "nothing exported");
            Assert.That(receiver.Refused, Is.Empty, "nothing attempted");
            Assert.That(correlationId, Does.Match("^[0-9a-f]{32}$"), "a W3C trace id without tracing");
            Assert.That(traceIds, Is.EqualTo(new[] { correlationId }), "the log line's TraceId is the correlation id");
        });
    }

    [Test]
    public async Task The_traces_endpoint_alone_turns_tracing_on_and_OTEL_SERVICE_NAME_names_the_service()
    {
        await using var receiver = await new OtlpReceiver().StartAsync();
        var settings = receiver.ExporterSettings();
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        settings["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = receiver.Endpoint + "/v1/traces";
        settings["OTEL_SERVICE_NAME"] = "auth-eu-west";
        var node = await StartNodeBesideAsync(settings);

        await new OAuthClient(node.Client).GetAccessTokenAsync(TestSeed.ServiceA);

        var span = await receiver.SpanAsync(s => s.Attribute("http.route") == "/oauth/token", "the token request");
        Assert.That(span.Resource["service.name"], Is.EqualTo("auth-eu-west"));
    }

    [Test]
    public async Task Spans_name_the_service_with_metrics_off()
    {
        await using var receiver = await new OtlpReceiver().StartAsync();
        var settings = receiver.ExporterSettings();
        settings["Metrics:Enabled"] = "false";
        var node = await StartNodeBesideAsync(settings);

        await new OAuthClient(node.Client).GetAccessTokenAsync(TestSeed.ServiceA);

        var span = await receiver.SpanAsync(s => s.Attribute("http.route") == "/oauth/token", "the token request");
        Assert.Multiple(() =>
        {
            Assert.That(span.Resource["service.name"], Is.EqualTo("auth"));
            Assert.That(span.Resource, Does.ContainKey("service.version").And.ContainKey("service.instance.id"));
        });
    }

    private static JsonElement? ParseOrNull(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
