using System.Net;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace Auth.Api.Tests.Hardening;

/// <summary>Security headers on every response, frame protection on the pages, and no plain-HTTP issuer in production.</summary>
public sealed class HardeningTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task Pages_cannot_be_framed_and_no_response_is_sniffed_or_leaks_a_referrer()
    {
        using var page = await Server.Client.GetAsync("/account/login");
        using var json = await Server.Client.GetAsync("/.well-known/openid-configuration");

        Assert.Multiple(() =>
        {
            Assert.That(page.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
            Assert.That(page.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(page.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
            Assert.That(json.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        });
    }

    [Test]
    public void A_plain_http_issuer_that_is_not_loopback_is_refused_outside_development()
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["OAuth:Issuer"] = "http://auth.example.com/" });
        });

        Assert.That(failure!.Message, Does.Contain("OAuth:BehindTlsProxy"));
    }

    [Test]
    public async Task Behind_a_tls_proxy_a_plain_http_issuer_is_allowed()
    {
        await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?>
        {
            ["OAuth:Issuer"] = "http://auth.example.com/",
            ["OAuth:BehindTlsProxy"] = "true",
        });
        using var health = await server.Client.GetAsync("/health");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
