using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.SignIn;

/// <summary>
/// The code flow in Chromium with the service behind a TLS-terminating nginx (<see cref="NginxProxy"/>) and an https
/// issuer: Microsoft's OpenID Connect handler signs in through the proxy, and the session cookie is Secure. Chromium
/// ignores the self-signed certificate's errors; the handlers' back channels accept that certificate only.
/// </summary>
public sealed class BehindTlsProxyTests(StoreKind store) : BrowserTest(store)
{
    private static readonly IPAddress ProxySource = IPAddress.Parse("127.0.0.2");

    private readonly int _proxyPort = LoopbackPorts.Next();
    private TestCertificate? _certificate;
    private NginxProxy? _proxy;
    private WebApplication? _ordersApi;
    private WebApplication? _relyingParty;

    private Uri Issuer => new($"https://127.0.0.1:{_proxyPort}/");

    private Uri Me => new(Seed.RelyingParty, RelyingParty.MePath);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OAuth:Issuer"] = Issuer.AbsoluteUri;
            settings["OAuth:BehindTlsProxy"] = "true";
            settings["ForwardedHeaders:TrustedProxies:0"] = ProxySource.ToString();
            return settings;
        }
    }

    [OneTimeSetUp]
    public async Task StartProxyRelyingPartyAndApi()
    {
        _certificate = TestCertificate.Create();
        _proxy = await NginxProxy.StartAsync(_proxyPort, Server.BaseAddress, _certificate, ProxySource);
        _ordersApi = await OrdersApi.StartAsync(Seed.OrdersApiPort, Issuer, _certificate);
        _relyingParty = await RelyingParty.StartAsync(Seed.RelyingPartyPort, Issuer, Seed.OrdersApi, _certificate);
    }

    [OneTimeTearDown]
    public async Task StopProxyRelyingPartyAndApi()
    {
        if (_relyingParty is not null)
        {
            await _relyingParty.DisposeAsync();
        }

        if (_ordersApi is not null)
        {
            await _ordersApi.DisposeAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        _certificate?.Dispose();
    }

    [SetUp]
    public Task TrustTheProxysCertificate() => ReopenPageAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });

    [Test]
    public async Task Microsofts_handler_signs_in_through_the_proxy_and_the_session_cookie_is_secure()
    {
        await Page.OpenAsync(Me.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Issuer);
        await LoginPage.SignInAsync(BrowserSeed.UserName, BrowserSeed.Password);
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);

        await Expect(Page.GetByTestId("name")).ToHaveTextAsync(BrowserSeed.DisplayName);
        await Expect(Page.GetByTestId("api-status")).ToHaveTextAsync("200");
        var session = (await Page.Context.CookiesAsync([Issuer.AbsoluteUri])).SingleOrDefault(c => c.Name == "auth.session");
        Assert.That(session, Is.Not.Null, "the server's session cookie");
        Assert.Multiple(() =>
        {
            Assert.That(session!.Secure, Is.True);
            Assert.That(session.HttpOnly, Is.True);
        });
    }
}
