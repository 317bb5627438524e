using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Observability;

/// <summary>/metrics answers only the configured networks; everyone else gets the documented 404 body.</summary>
public sealed class MetricsAccessTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8",
    };

    [Test]
    public async Task A_connection_from_outside_the_allowed_networks_gets_404()
    {
        using var response = await Server.Client.GetAsync("/metrics");
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body.GetProperty("error").GetString(), Is.Not.Empty);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("auth_"));
        });
    }

    [Test]
    public async Task Forwarded_headers_do_not_open_the_endpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "10.1.2.3");
        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
