using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Observability;

/// <summary>/metrics in the Prometheus format: the counters move with the requests, and labels never carry who or where.</summary>
public sealed class MetricsTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Metrics_are_served_in_the_Prometheus_text_format_to_loopback()
    {
        using var response = await Server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain").Or.EqualTo("application/openmetrics-text"));
            Assert.That(text, Does.Contain("# TYPE auth_signing_key_age_seconds gauge"));
            Assert.That(PrometheusText.Sum(text, "auth_signing_key_age_seconds"), Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public async Task Tokens_issued_are_counted_by_grant_type_and_client()
    {
        (string, string)[] labels = [("grant_type", "client_credentials"), ("client_id", TestSeed.ServiceA.Id)];
        var before = await SumAsync("auth_tokens_issued_total", labels);

        await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        Assert.That(await EventuallyAsync("auth_tokens_issued_total", labels, before + 2), Is.EqualTo(before + 2));
    }

    [Test]
    public async Task Token_endpoint_failures_are_counted_by_error_code_without_the_client_id()
    {
        var before = await SumAsync("auth_token_failures_total", ("error", "invalid_client"));

        using var refused = await OAuth.RequestTokenAsync(TestSeed.ServiceA with { Secret = "wrong-secret" });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await EventuallyAsync("auth_token_failures_total", [("error", "invalid_client")], before + 1), Is.EqualTo(before + 1));
        var text = await ScrapeAsync();
        Assert.That(PrometheusText.LabelSets(text, "auth_token_failures_total").SelectMany(l => l.Keys), Has.None.EqualTo("client_id"),
            "an unauthenticated client_id is whatever the caller sent: never a label");
    }

    [Test]
    public async Task Introspections_and_revocations_are_counted_by_outcome()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var active = await SumAsync("auth_introspections_total", ("outcome", "active"));
        var inactive = await SumAsync("auth_introspections_total", ("outcome", "inactive"));
        var revoked = await SumAsync("auth_revocations_total", ("outcome", "revoked"));

        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.True);
        using (await OAuth.RevokeAsync(token, TestSeed.ServiceA))
        {
        }

        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.False);

        Assert.Multiple(async () =>
        {
            Assert.That(await EventuallyAsync("auth_introspections_total", [("outcome", "active")], active + 1), Is.EqualTo(active + 1));
            Assert.That(await EventuallyAsync("auth_introspections_total", [("outcome", "inactive")], inactive + 1), Is.EqualTo(inactive + 1));
            Assert.That(await EventuallyAsync("auth_revocations_total", [("outcome", "revoked")], revoked + 1), Is.EqualTo(revoked + 1));
        });
    }

    [Test]
    public async Task Sign_ins_are_counted_by_outcome_and_no_label_names_the_user_or_the_address()
    {
        var user = await CreateUserAsync();
        var success = await SumAsync("auth_sign_ins_total", ("outcome", "success"));
        var failure = await SumAsync("auth_sign_ins_total", ("outcome", "failure"));

        using (var browser = NewBrowser())
        {
            var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
            using var refused = await browser.SignInAsync(challenge, user, "not-the-password");
        }

        using (var browser = NewBrowser())
        {
            using var signedIn = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await EventuallyAsync("auth_sign_ins_total", [("outcome", "failure")], failure + 1), Is.EqualTo(failure + 1));
            Assert.That(await EventuallyAsync("auth_sign_ins_total", [("outcome", "success")], success + 1), Is.EqualTo(success + 1));
        });
        // Kestrel's own metrics name the address the server listens on; the service's and the request metrics name no one.
        var samples = (await ScrapeAsync()).Split('\n').Where(line => line.StartsWith("auth_", StringComparison.Ordinal) || line.StartsWith("http_server_", StringComparison.Ordinal)).ToList();
        Assert.That(samples, Is.Not.Empty);
        Assert.That(samples, Has.None.Contains(user));
        Assert.That(samples, Has.None.Contains("127.0.0.1"));
    }

    [Test]
    public async Task Second_factor_checks_are_counted_by_outcome()
    {
        var (_, tokens) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var token = tokens.GetProperty("access_token").GetString()!;
        var notEnrolled = await SumAsync("auth_mfa_verifications_total", ("outcome", "not_enrolled"), ("method", "totp"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/mfa/totp/verify") { Content = JsonContent.Create(new { code = "123456" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await EventuallyAsync("auth_mfa_verifications_total", [("outcome", "not_enrolled"), ("method", "totp")], notEnrolled + 1),
            Is.EqualTo(notEnrolled + 1));
    }

    [Test]
    public async Task Scim_operations_are_counted_by_resource_verb_and_status()
    {
        var scimToken = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        (string, string)[] created = [("resource", "Users"), ("verb", "POST"), ("status", "201")];
        (string, string)[] unauthorized = [("resource", "Users"), ("verb", "GET"), ("status", "401")];
        var createdBefore = await SumAsync("auth_scim_operations_total", created);
        var unauthorizedBefore = await SumAsync("auth_scim_operations_total", unauthorized);

        var scim = new ScimClient(Server.Client, scimToken);
        var (response, _) = await scim.PostAsync("/Users", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"metrics-{{Guid.NewGuid():N}}"}""");
        using var anonymous = await Server.Client.GetAsync("/scim/v2/Users");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await EventuallyAsync("auth_scim_operations_total", created, createdBefore + 1), Is.EqualTo(createdBefore + 1));
            Assert.That(await EventuallyAsync("auth_scim_operations_total", unauthorized, unauthorizedBefore + 1), Is.EqualTo(unauthorizedBefore + 1));
        });
    }

    [Test]
    public async Task Request_durations_are_recorded_by_route_template()
    {
        using (await Server.Client.GetAsync("/health"))
        {
        }

        await EventuallyAsync("http_server_request_duration_seconds_count", [("http_route", "/health")], 1);
        var text = await ScrapeAsync();
        Assert.That(PrometheusText.Sum(text, "http_server_request_duration_seconds_count", ("http_route", "/health"), ("http_request_method", "GET")),
            Is.GreaterThanOrEqualTo(1));
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Server.Client.GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<double> SumAsync(string metric, params (string, string)[] labels) => PrometheusText.Sum(await ScrapeAsync(), metric, labels);

    /// <summary>The exporter caches a scrape briefly: read until the value reaches the expected one or 30 seconds pass.</summary>
    private Task<double> EventuallyAsync(string metric, (string, string)[] labels, double expected) =>
        Eventually.ReadAsync(() => SumAsync(metric, labels), value => value >= expected, TimeSpan.FromSeconds(30));
}
