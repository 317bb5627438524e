using System.Net;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace Auth.Api.Tests.Hardening;

/// <summary>Security headers on every response, frame protection on the pages, and no plain-HTTP issuer or untrusted proxy set-up in production.</summary>
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
    public void Behind_a_tls_proxy_a_plain_http_issuer_is_refused()
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?>
            {
                ["OAuth:Issuer"] = "http://auth.example.com/",
                ["OAuth:BehindTlsProxy"] = "true",
                ["ForwardedHeaders:TrustedProxies:0"] = "10.0.0.5",
            });
        });

        Assert.That(failure!.Message, Does.Contain("OAuth:BehindTlsProxy=true needs an https issuer"));
    }

    [Test]
    public void Behind_a_tls_proxy_without_a_trusted_proxy_the_service_refuses_to_start()
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?>
            {
                ["OAuth:Issuer"] = "https://auth.example.com/",
                ["OAuth:BehindTlsProxy"] = "true",
            });
        });

        Assert.That(failure!.Message, Does.Contain("ForwardedHeaders:TrustedProxies"));
    }

    [TestCase("0.0.0.0/0")]
    [TestCase("::/0")]
    [TestCase("10.0.0.0/33")]
    public void A_trusted_network_that_is_every_address_or_no_network_is_refused(string network)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["ForwardedHeaders:TrustedNetworks:0"] = network });
        });

        Assert.That(failure!.Message, Does.Contain("ForwardedHeaders:TrustedNetworks"));
    }

    [Test]
    public async Task Behind_a_tls_proxy_on_a_trusted_network_an_https_issuer_starts()
    {
        await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?>
        {
            ["OAuth:Issuer"] = "https://auth.example.com/",
            ["OAuth:BehindTlsProxy"] = "true",
            ["ForwardedHeaders:TrustedNetworks:0"] = "10.0.0.0/8",
        });
        using var health = await server.Client.GetAsync("/health");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
