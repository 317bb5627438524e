using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Observability;

/// <summary>With Metrics:Port, the service executable serves /metrics on that port only, and nothing else there.</summary>
public sealed class MetricsPortTests(StoreKind store) : ServerTest(store)
{
    private AuthProcess? _node;
    private int _metricsPort;

    [OneTimeSetUp]
    public async Task StartNodeWithAMetricsPort()
    {
        _metricsPort = LoopbackPorts.Next();
        _node = await StartNodeBesideAsync(new Dictionary<string, string?> { ["Metrics:Port"] = _metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Test]
    public async Task Metrics_are_on_their_own_port_and_not_on_the_service_port()
    {
        using var metricsPort = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}/") };

        using var onMetricsPort = await metricsPort.GetAsync("/metrics");
        using var onServicePort = await _node!.Client.GetAsync("/metrics");
        using var tokenOnMetricsPort = await metricsPort.GetAsync("/jwks.json");
        using var tokenOnServicePort = await _node.Client.GetAsync("/jwks.json");

        Assert.Multiple(async () =>
        {
            Assert.That(onMetricsPort.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await onMetricsPort.Content.ReadAsStringAsync(), Does.Contain("auth_signing_key_age_seconds"));
            Assert.That(onServicePort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(tokenOnMetricsPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the metrics port serves metrics only");
            Assert.That(tokenOnServicePort.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
