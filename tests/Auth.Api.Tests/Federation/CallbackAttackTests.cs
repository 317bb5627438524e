using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.IdentityProviders;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.IdentityProviders;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// Attacks on the federation callback and on a sign-in's way to and from the upstream (design §2.5, §2.7): each ends
/// on the service's own error page with a correlation id and the right status, is audited as <c>federation.sign_in</c>
/// under that correlation id, never redirects to the client that asked for the sign-in, and is never a 500.
/// </summary>
public sealed partial class CallbackAttackTests(StoreKind store) : UserFlowTest(store)
{
    private const string ProviderId = "contoso";
    private const string RemovedProviderId = "fabrikam";
    private const string OfflineProviderId = "offline";
    private const string PlainProviderId = "plain";
    private const string ParProviderId = "pushed";
    private const string Secret = "upstream-client-secret-0001";

    private readonly UpstreamSettings _settings = new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>());
    private readonly UpstreamSettings _plainSettings = new(UpstreamFlavor.Generic, [], new Dictionary<string, UpstreamUser>()) { HidePkceMetadata = true };
    private readonly int _closedPort = LoopbackPorts.Next();
    private TestUpstream _upstream = null!;
    private readonly UpstreamSettings _parSettings = new(UpstreamFlavor.Okta, [], new Dictionary<string, UpstreamUser>()) { PushedAuthorizationRequests = true };
    private TestUpstream _plainUpstream = null!;
    private TestUpstream _parUpstream = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?> { ["Federation:BackchannelTimeout"] = "00:00:02" };
            Declare(settings, ProviderId, "Contoso", _settings.Issuer);
            Declare(settings, RemovedProviderId, "Fabrikam", _settings.Issuer);
            Declare(settings, OfflineProviderId, "Offline", $"http://127.0.0.1:{_closedPort}");
            Declare(settings, PlainProviderId, "Plain", _plainSettings.Issuer);
            Declare(settings, ParProviderId, "Pushed", _parSettings.Issuer);
            return settings;
        }
    }

    [OneTimeSetUp]
    public async Task StartUpstreams()
    {
        _upstream = await TestUpstream.StartAsync(_settings with
        {
            Clients =
            [
                UpstreamClient.ForService(Server.BaseAddress, ProviderId, ProviderId, Secret),
                UpstreamClient.ForService(Server.BaseAddress, RemovedProviderId, RemovedProviderId, Secret),
            ],
        });
        _plainUpstream = await TestUpstream.StartAsync(_plainSettings with
        {
            Clients = [UpstreamClient.ForService(Server.BaseAddress, PlainProviderId, PlainProviderId, Secret)],
        });
        _parUpstream = await TestUpstream.StartAsync(_parSettings with
        {
            Clients = [UpstreamClient.ForService(Server.BaseAddress, ParProviderId, ParProviderId, Secret)],
        });
        await _upstream.SetUserAsync("someone", new UpstreamUser { Oid = Guid.NewGuid().ToString(), PreferredUsername = "someone@contoso.test" });
        await _plainUpstream.SetUserAsync("someone", new UpstreamUser { PreferredUsername = "someone@plain.test" });
    }

    [OneTimeTearDown]
    public async Task StopUpstreams()
    {
        await _upstream.DisposeAsync();
        await _plainUpstream.DisposeAsync();
        await _parUpstream.DisposeAsync();
    }

    [TearDown]
    public async Task ResetUpstreams()
    {
        await _upstream.ResetAsync();
        await _plainUpstream.ResetAsync();
    }

    [Test]
    public async Task Callback_without_state_is_refused_without_500()
    {
        using var browser = NewBrowser();

        using var page = await browser.GetAsync(Callback(ProviderId, "code=abc"));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected contoso no response");
    }

    [Test]
    public async Task Callback_at_a_provider_that_never_existed_is_refused_without_500()
    {
        using var browser = NewBrowser();

        using var page = await browser.GetAsync(Callback("nobody", "code=abc&state=xyz"));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected unknown provider");
    }

    [Test]
    public async Task Callback_with_garbage_state_is_refused()
    {
        using var browser = NewBrowser();

        using var page = await browser.GetAsync(Callback(ProviderId, "code=abc&state=" + new string('x', 40)));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected contoso invalid_token ID2004");
    }

    [Test]
    public async Task Repeated_state_parameter_is_refused_without_500()
    {
        await _upstream.SignInNextAsAsync("someone");
        using var browser = NewBrowser();
        var callback = await CaptureCallbackAsync(browser, ProviderId);
        var state = QueryHelpers.ParseQuery(callback.Query)["state"].ToString();

        using var page = await browser.GetAsync(callback.PathAndQuery + "&state=" + Uri.EscapeDataString(state));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected contoso no response");
    }

    [Test]
    public async Task Callback_with_another_browsers_state_is_refused()
    {
        using var victim = NewBrowser();
        using var started = await victim.GetAsync(StartUrl(ProviderId));
        await _upstream.SignInNextAsAsync("someone");
        using var attacker = NewBrowser();
        var attackersCallback = await CaptureCallbackAsync(attacker, ProviderId);

        using var page = await victim.GetAsync(attackersCallback.PathAndQuery);

        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the victim's browser has a sign-in of its own under way");
        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected contoso invalid_request ID2129");
    }

    [Test]
    public async Task Callback_with_tampered_iss_is_refused()
    {
        await _upstream.SignInNextAsAsync("someone");
        using var browser = NewBrowser();
        var callback = await CaptureCallbackAsync(browser, ProviderId);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.That(query["iss"].ToString(), Is.EqualTo(_upstream.Issuer), "the upstream says who answered (RFC 9207)");

        using var page = await browser.GetAsync(Callback(ProviderId, $"code={query["code"]}&state={query["state"]}&iss={Uri.EscapeDataString(_plainUpstream.Issuer)}"));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected contoso invalid_request ID2119");
    }

    [Test]
    public async Task Swapped_nonce_is_refused()
    {
        await _upstream.MisbehaveAsync(UpstreamMisbehaviour.SwapNonce);
        await _upstream.SignInNextAsAsync("someone");
        using var browser = NewBrowser();

        using var page = await FollowAllRedirectsAsync(browser, StartUrl(ProviderId));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected contoso invalid_request ID2128");
    }

    [Test]
    public async Task Callback_of_a_removed_provider_shows_the_error_page()
    {
        await _upstream.SignInNextAsAsync("someone");
        using var browser = NewBrowser();
        var callback = await CaptureCallbackAsync(browser, RemovedProviderId);
        await _upstream.SignInNextAsAsync("someone");
        using var other = NewBrowser();
        var otherCallback = await CaptureCallbackAsync(other, RemovedProviderId);
        using (var scope = Server.Services.CreateScope())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RemoveIdentityProvider(RemovedProviderId));
            Assert.That(removed.Succeeded, Is.True, removed.Error?.Description);
        }

        await Server.Services.GetRequiredService<IdentityProviderCatalog>().ReloadAsync(CancellationToken.None);

        using var page = await browser.GetAsync(callback.PathAndQuery);

        // The same response at a provider that still exists: its state was minted for the removed one's callback.
        using var elsewhere = await other.GetAsync(Callback(ProviderId, otherCallback.Query.TrimStart('?')));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "rejected unknown provider");
        await AssertRefusedAsync(elsewhere, HttpStatusCode.BadRequest, "rejected contoso invalid_request ID2138");
    }

    [Test]
    public async Task Upstream_login_required_shows_the_error_page()
    {
        await _upstream.MisbehaveAsync(UpstreamMisbehaviour.LoginRequired);
        using var browser = NewBrowser();

        using var page = await FollowAllRedirectsAsync(browser, StartUrl(ProviderId));

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "upstream_error contoso login_required ID2159");
    }

    [Test]
    public async Task Unreachable_provider_shows_502_page_with_correlation_id()
    {
        using var browser = NewBrowser();

        using var page = await browser.GetAsync(StartUrl(OfflineProviderId));

        await AssertRefusedAsync(page, HttpStatusCode.BadGateway, "upstream_error offline unreachable");
    }

    [Test]
    public async Task Challenge_failing_at_the_upstream_shows_502_page()
    {
        using var first = NewBrowser();
        using var pushed = await first.GetAsync(StartUrl(ParProviderId));
        Assert.That(pushed.Headers.Location?.Query ?? string.Empty, Does.Contain("request_uri="), "the request was pushed (RFC 9126, with its client_id) while the upstream answered");
        await _parUpstream.StopAsync();
        try
        {
            // Discovery is known by now: the challenge itself fails, at the pushed authorization request.
            using var browser = NewBrowser();

            using var page = await browser.GetAsync(StartUrl(ParProviderId));

            await AssertRefusedAsync(page, HttpStatusCode.BadGateway, "upstream_error pushed server_error ID2136");
        }
        finally
        {
            await _parUpstream.RestartAsync();
        }
    }

    [Test]
    public async Task Token_endpoint_timeout_shows_502_page()
    {
        await _upstream.MisbehaveAsync(UpstreamMisbehaviour.HangToken);
        await _upstream.SignInNextAsAsync("someone");
        using var browser = NewBrowser();

        using var page = await FollowAllRedirectsAsync(browser, StartUrl(ProviderId));

        await AssertRefusedAsync(page, HttpStatusCode.BadGateway, "upstream_error contoso server_error ID2136");
    }

    [Test]
    public async Task Pkce_s256_is_sent_even_when_discovery_omits_it()
    {
        using var http = new HttpClient();
        using var discovery = await http.GetAsync(_plainUpstream.DiscoveryDocument);
        Assert.That(await discovery.Content.ReadAsStringAsync(), Does.Not.Contain("code_challenge_methods_supported"), "the upstream hides its PKCE support, as Entra does");
        await _plainUpstream.SignInNextAsAsync("someone");
        using var browser = NewBrowser();
        using var started = await browser.GetAsync(StartUrl(PlainProviderId));
        var authorize = QueryHelpers.ParseQuery(started.Headers.Location?.Query);

        // Nobody of that name here: the sign-in gets past every protocol check and ends at linking.
        using var page = await FollowAllRedirectsAsync(browser, started.Headers.Location!.AbsoluteUri);

        Assert.Multiple(() =>
        {
            Assert.That(authorize["code_challenge_method"].ToString(), Is.EqualTo("S256"));
            Assert.That(authorize["code_challenge"].ToString(), Has.Length.EqualTo(43));
        });
        await AssertRefusedAsync(page, HttpStatusCode.Forbidden, "not_linked plain no_match");
    }

    private static void Declare(Dictionary<string, string?> settings, string id, string displayName, string issuer)
    {
        var prefix = $"IdentityProviders:Definitions:{id}:";
        settings[prefix + "DisplayName"] = displayName;
        settings[prefix + "Issuer"] = issuer;
        settings[prefix + "ClientId"] = id;
        settings[prefix + "ClientSecret"] = Secret;
        settings[prefix + "Scopes:0"] = "openid";
        settings[prefix + "Scopes:1"] = "profile";
        settings[prefix + "Domains:0"] = id + ".test";
        settings[prefix + "Linking:UserName"] = "true";
    }

    private static string Callback(string providerId, string query) => $"/signin/{providerId}/callback?{query}";

    /// <summary>Where a client's authorization request sends the browser: a return URL that must never be reached by a failure.</summary>
    private static string StartUrl(string providerId) =>
        QueryHelpers.AddQueryString($"/signin/{providerId}", "ReturnUrl", AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));

    /// <param name="audited">The audit record's outcome and detail: the provider and OpenIddict's error and its id (the reason it refused).</param>
    private async Task AssertRefusedAsync(HttpResponseMessage page, HttpStatusCode status, string audited)
    {
        var html = await page.Content.ReadAsStringAsync();
        var correlationId = CorrelationId().Match(html).Groups[1].Value;
        var records = correlationId.Length == 0 ? [] : await AuditedAsync(correlationId);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(status), html);
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(page.Headers.Location, Is.Null, "a failure never redirects");
            Assert.That(html, Does.Contain("data-testid=\"federation-error\""));
            Assert.That(html, Does.Not.Contain(TestSeed.WebAppCallback).And.Not.Contain(Uri.EscapeDataString(TestSeed.WebAppCallback)), "nothing leads to the client");
            Assert.That(correlationId, Is.Not.Empty, "the page shows a correlation id");
            Assert.That(records, Is.EqualTo(new[] { audited }), "one federation.sign_in audit record under the page's correlation id");
        });
    }

    private async Task<List<string>> AuditedAsync(string correlationId) =>
        await Eventually.ReadAsync(
            async () =>
            {
                await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
                using var scope = Server.Services.CreateScope();
                return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
                    .Where(e => e.EventType == "federation.sign_in" && e.CorrelationId == correlationId)
                    .Select(e => e.Outcome + " " + e.Detail)
                    .ToListAsync();
            },
            outcomes => outcomes.Count > 0,
            TimeSpan.FromSeconds(10));

    /// <summary>Follows every redirect, at this service and at the upstreams, until a page or a redirect elsewhere.</summary>
    private Task<HttpResponseMessage> FollowAllRedirectsAsync(UserAgent browser, string start) => browser.FollowThroughAsync(start, _upstream.Settings.Origin, _plainUpstream.Settings.Origin, _parUpstream.Settings.Origin);

    /// <summary>Starts a sign-in and stops where the upstream sends the browser back to this service's callback.</summary>
    private async Task<Uri> CaptureCallbackAsync(UserAgent browser, string providerId)
    {
        var response = await browser.GetAsync(StartUrl(providerId));
        for (var hops = 0; hops < 15 && response.Headers.Location is not null; hops++)
        {
            var absolute = Absolute(response);
            response.Dispose();
            if (absolute.Authority == Server.BaseAddress.Authority && absolute.AbsolutePath.EndsWith("/callback", StringComparison.Ordinal))
            {
                return absolute;
            }

            response = await browser.Http.GetAsync(absolute);
        }

        throw new InvalidOperationException($"The upstream never sent the browser back: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Uri Absolute(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
    }

    [GeneratedRegex("data-testid=\"correlation-id\">([^<]+)<")]
    private static partial Regex CorrelationId();
}
