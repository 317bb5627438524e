using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Hardening;

/// <summary>
/// An https issuer behind a real TLS-terminating proxy (nginx, <see cref="NginxProxy"/>): the service trusts
/// X-Forwarded-Proto from the proxy, which connects from 127.0.0.2, so OpenIddict sees HTTPS, cookies are Secure and
/// HSTS is sent. The tests' own direct requests come from 127.0.0.1, an address that is not a trusted proxy.
/// </summary>
public sealed class BehindTlsProxyTests(StoreKind store) : UserFlowTest(store)
{
    private static readonly IPAddress ProxySource = IPAddress.Parse("127.0.0.2");

    private readonly int _proxyPort = LoopbackPorts.Next();
    private TestCertificate? _certificate;
    private NginxProxy? _proxy;
    private HttpClient? _viaProxy;

    private Uri Issuer => new($"https://127.0.0.1:{_proxyPort}/");

    private TestCertificate Certificate => _certificate ?? throw new InvalidOperationException("No certificate yet.");

    private HttpClient ViaProxy => _viaProxy ?? throw new InvalidOperationException("The proxy is not running.");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OAuth:Issuer"] = Issuer.AbsoluteUri,
        ["OAuth:BehindTlsProxy"] = "true",
        ["ForwardedHeaders:TrustedProxies:0"] = ProxySource.ToString(),
    };

    [OneTimeSetUp]
    public async Task StartProxy()
    {
        _certificate = TestCertificate.Create();
        _proxy = await NginxProxy.StartAsync(_proxyPort, Server.BaseAddress, _certificate, ProxySource);
        _viaProxy = new HttpClient(_certificate.CreateHandler()) { BaseAddress = _proxy.Address };
    }

    [OneTimeTearDown]
    public async Task StopProxy()
    {
        _viaProxy?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        _certificate?.Dispose();
    }

    [Test]
    public async Task Discovery_through_the_proxy_names_the_https_issuer_and_carries_hsts()
    {
        using var response = await ViaProxy.GetAsync("/.well-known/openid-configuration");
        var discovery = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{discovery} {_proxy?.ErrorLog}");
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(Issuer.AbsoluteUri));
            Assert.That(discovery.GetProperty("token_endpoint").GetString(), Is.EqualTo(new Uri(Issuer, "oauth/token").AbsoluteUri));
            Assert.That(response.Headers.GetValues("Strict-Transport-Security").Single(), Is.EqualTo("max-age=31536000"));
        });
    }

    [Test]
    public async Task A_client_credentials_token_is_issued_through_the_proxy()
    {
        using var response = await new OAuthClient(ViaProxy).RequestTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(Jwt.Payload(body.GetProperty("access_token").GetString()!)["iss"]?.GetValue<string>(), Is.EqualTo(Issuer.AbsoluteUri));
    }

    [Test]
    public async Task The_code_flow_completes_through_the_proxy_with_a_secure_session_cookie()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var browser = new UserAgent(Issuer, Certificate);

        using var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce));
        using var signedIn = await browser.SignInAsync(challenge, user, Password);
        var sessionCookie = signedIn.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.SingleOrDefault(c => c.StartsWith("auth.session=", StringComparison.Ordinal)) : null;
        using var callback = await browser.FollowLocalRedirectsAsync(signedIn);
        var code = CallbackParameters(callback, TestSeed.WebAppCallback)["code"];
        using var redemption = await new OAuthClient(ViaProxy).PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", pkce.Verifier)),
            OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        var tokens = await OAuthClient.ReadJsonAsync(redemption);

        Assert.Multiple(() =>
        {
            Assert.That(sessionCookie, Is.Not.Null, "the sign-in sets the session cookie");
            Assert.That(sessionCookie, Does.Contain("; secure").IgnoreCase, "HTTPS only");
            Assert.That(sessionCookie, Does.Contain("; httponly").IgnoreCase);
            Assert.That(redemption.StatusCode, Is.EqualTo(HttpStatusCode.OK), tokens.ToString());
            Assert.That(Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["iss"]?.GetValue<string>(), Is.EqualTo(Issuer.AbsoluteUri));
        });
    }

    [TestCase("/.well-known/openid-configuration")]
    [TestCase("/oauth/authorize?client_id=web-app&response_type=code&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb")]
    public async Task X_forwarded_proto_from_an_address_that_is_not_a_trusted_proxy_is_ignored(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        using var response = await Server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "plain HTTP to an https issuer");
            Assert.That(body, Does.Contain("This server only accepts HTTPS requests."));
            Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, "HSTS only over HTTPS");
        });
    }

    [Test]
    public async Task A_token_request_that_bypasses_the_proxy_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(OAuthClient.Form(("grant_type", "client_credentials"))),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);
        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await OAuthClient.ReadJsonAsync(response)).TryGetProperty("access_token", out _), Is.False);
    }
}
