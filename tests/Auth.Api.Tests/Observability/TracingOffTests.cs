using System.Net;
using System.Net.Sockets;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Auth.Api.Tests.Observability;

/// <summary>Without OTEL_EXPORTER_OTLP_ENDPOINT (or its traces twin) no tracer exists and nothing is exported.</summary>
public sealed class TracingOffTests(StoreKind store) : ServerTest(store)
{
    /// <summary>Where an OTLP/HTTP exporter sends when no endpoint is configured.</summary>
    private const int DefaultOtlpHttpPort = 4318;

    [Test]
    public void The_server_has_no_tracer_without_an_endpoint() =>
        Assert.That(Server.Services.GetService<TracerProvider>(), Is.Null);

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
        var node = await StartNodeBesideAsync(settings);

        var token = await new OAuthClient(node.Client).GetAccessTokenAsync(TestSeed.ServiceA);
        using var again = await node.Client.GetAsync("/.well-known/openid-configuration");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(token, Is.Not.Empty);
            Assert.That(receiver.Requests, Is.Empty, "nothing exported");
            Assert.That(receiver.Refused, Is.Empty, "nothing attempted");
        });
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
