using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Hardening;

/// <summary>
/// With <c>AllowedHosts=*</c> (an explicit setting wins over the default), a request naming another host is served,
/// yet no redirect or page the service writes names that host: redirects to its own pages are paths.
/// </summary>
public sealed class ForeignHostHeaderTests(StoreKind store) : UserFlowTest(store)
{
    private const string ForeignHost = "evil.test";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["AllowedHosts"] = "*" };

    [Test]
    public async Task The_sign_in_redirect_is_a_path_whatever_the_host_header_says()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        request.Headers.Host = ForeignHost;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress };
        using var response = await client.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location!.OriginalString, Does.StartWith("/account/login?ReturnUrl="));
            Assert.That(response.Headers.Location!.OriginalString, Does.Not.Contain(ForeignHost));
        });
    }

    [Test]
    public async Task No_redirect_or_page_of_sign_in_consent_and_logout_names_the_host_header()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        browser.Http.DefaultRequestHeaders.Host = ForeignHost;
        var seen = new List<string>();

        var response = await ObserveAsync(seen, await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, "openid profile orders.read", Pkce.Create())));
        var loginUrl = response.Headers.Location!.OriginalString;
        Assert.That(loginUrl, Does.Not.Contain(ForeignHost), "the redirect to the sign-in page");
        var loginPage = await ObserveAsync(seen, await browser.GetAsync(loginUrl));
        response = await ObserveAsync(seen, await browser.SubmitFormAsync(await loginPage.Content.ReadAsStringAsync(), loginUrl,
            new Dictionary<string, string> { ["UserName"] = user, ["Password"] = Password }));
        var consent = await ObserveAsync(seen, await browser.FollowLocalRedirectsAsync(response));
        Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the consent page");
        await ObserveAsync(seen, await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept"));

        var logout = await ObserveAsync(seen, await browser.GetAsync("/oauth/logout"));
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the logout confirmation page");
        await ObserveAsync(seen, await browser.SubmitFormAsync(await logout.Content.ReadAsStringAsync(), "/oauth/logout", new Dictionary<string, string>(), button: "confirm=yes"));

        Assert.That(seen, Has.Count.GreaterThanOrEqualTo(7));
        Assert.That(seen, Has.None.Contain(ForeignHost));
    }

    [Test]
    public async Task Discovery_names_only_the_issuer_whatever_the_host_header_says()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = ForeignHost;
        using var response = await Server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text, Does.Not.Contain(ForeignHost));
            Assert.That(System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("issuer").GetString(), Is.EqualTo(Server.BaseAddress.AbsoluteUri));
        });
    }

    [Test]
    public async Task A_token_names_the_issuer_whatever_the_host_header_says()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(OAuthClient.Form(("grant_type", "client_credentials"))),
        };
        request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);
        request.Headers.Host = ForeignHost;
        using var response = await Server.Client.SendAsync(request);
        var token = (await OAuthClient.ReadJsonAsync(response)).GetProperty("access_token").GetString()!;

        Assert.That(Jwt.Payload(token)["iss"]!.GetValue<string>(), Is.EqualTo(Server.BaseAddress.AbsoluteUri));
    }

    /// <summary>Keeps a response's Location and body for the final check.</summary>
    private static async Task<HttpResponseMessage> ObserveAsync(List<string> seen, HttpResponseMessage response)
    {
        seen.Add($"{(int)response.StatusCode} Location: {response.Headers.Location?.OriginalString} Body: {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}

/// <summary>Without an AllowedHosts setting, only the issuer's host is served; health probes and scrapers excepted.</summary>
public sealed class AllowedHostsTests(StoreKind store) : UserFlowTest(store)
{
    [TestCase("/account/login")]
    [TestCase("/oauth/authorize?client_id=web-app&response_type=code")]
    [TestCase("/.well-known/openid-configuration")]
    [TestCase("/oauth/logout")]
    public async Task A_request_naming_another_host_is_refused_with_400(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, "evil.test");
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Headers.Location, Is.Null);
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("Host"));
        });
    }

    [Test]
    public async Task A_token_request_naming_another_host_is_refused_with_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(OAuthClient.Form(("grant_type", "client_credentials"))),
        };
        request.Headers.Host = "evil.test";
        request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);
        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("/health")]
    [TestCase("/health/live")]
    [TestCase("/metrics")]
    public async Task Health_and_metrics_answer_whatever_the_host(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, "10.1.2.3:8080");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.1:1")]
    public async Task The_issuers_host_is_served_on_any_port(string host)
    {
        using var response = await SendAsync(HttpMethod.Get, "/.well-known/openid-configuration", host);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string host)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        return await Server.Client.SendAsync(request);
    }
}
