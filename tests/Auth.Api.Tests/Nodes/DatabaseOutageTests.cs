using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// PostgreSQL stopped under load: the node reports 503 on /health and answers every request with a clean 503 error
/// body (never a 500, never a hung connection), and recovers on its own when the database is back.
/// PostgreSQL only: the test stops a server process, which SQLite does not have. The cluster is the test's own.
/// </summary>
[TestFixture]
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(10);

    /// <summary>How long each step of the outage (going down, refusing, coming back) may take to show.</summary>
    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(20);

    private PrivatePostgres? _cluster;
    private TestStore? _store;
    private AuthProcess? _node;

    private PrivatePostgres Cluster => _cluster ?? throw new InvalidOperationException("No cluster.");

    private AuthProcess Node => _node ?? throw new InvalidOperationException("No node.");

    [OneTimeSetUp]
    public async Task StartClusterAndNode()
    {
        var bin = PrivatePostgres.FindBinaries();
        if (bin is null)
        {
            Assert.Ignore("No PostgreSQL binaries under /usr/lib/postgresql/*/bin (install Debian's postgresql package); build/test.sh always has them.");
        }

        _cluster = await PrivatePostgres.StartAsync(bin);
        _store = TestStore.OnDatabase(_cluster.ConnectionString);
        _node = await AuthProcess.StartAsync(_store);
    }

    [OneTimeTearDown]
    public async Task StopClusterAndNode()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task Stopping_PostgreSQL_under_load_gives_clean_503s_and_the_node_recovers_without_a_restart()
    {
        var outcomes = new ConcurrentQueue<Outcome>();
        // The load lasts until the node issues again (or 90 s pass); fast 503s during the outage must not use it up.
        using var loadTime = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => LoadAsync(outcomes, loadTime.Token))).ToList();
        await Eventually.HoldsAsync(() => outcomes.Count(o => o.Status == HttpStatusCode.OK) >= 10, StepLimit);

        using var discoveryBefore = await FromBrowserAppAsync(HttpMethod.Get, "/.well-known/openid-configuration");

        await Cluster.StopAsync();
        var downSince = outcomes.Count;
        var unhealthy = await Eventually.HoldsAsync(async () => (await HealthAsync()).Status == HttpStatusCode.ServiceUnavailable, StepLimit);
        var (_, healthBody) = await HealthAsync();

        // Once the change feed is a second behind, the node cannot tell which origins clients list: a preflight is told
        // to come back rather than refused, and discovery still answers from memory, without CORS.
        var preflightPaused = await Eventually.HoldsAsync(async () =>
        {
            using var preflight = await FromBrowserAppAsync(HttpMethod.Options, "/oauth/token");
            return preflight.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, StepLimit);
        using var preflightDuring = await FromBrowserAppAsync(HttpMethod.Options, "/oauth/token");
        var preflightBody = await preflightDuring.Content.ReadAsStringAsync();
        using var discoveryDuring = await FromBrowserAppAsync(HttpMethod.Get, "/.well-known/openid-configuration");
        var refusedUnderLoad = await Eventually.HoldsAsync(() => outcomes.Skip(downSince).Count(o => o.Status == HttpStatusCode.ServiceUnavailable) >= 8, StepLimit);

        await Cluster.StartAsync();
        var healthyAgain = await Eventually.HoldsAsync(async () => (await HealthAsync()).Status == HttpStatusCode.OK, StepLimit);
        var upSince = outcomes.Count;
        var issuingAgain = await Eventually.HoldsAsync(() => outcomes.Skip(upSince).Count(o => o.Status == HttpStatusCode.OK) >= 10, StepLimit);
        await loadTime.CancelAsync();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        var all = outcomes.ToList();

        // The 503's correlation id is the request's W3C trace id, and the log line of the outage names it (rule 139).
        var correlationIds = all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable)
            .Select(o => System.Text.RegularExpressions.Regex.Match(o.Body, @"correlation id ([^)]*)\)").Groups[1].Value).Where(id => id.Length > 0).ToList();
        var output = Node.Output;
        Assert.Multiple(() =>
        {
            Assert.That(correlationIds, Is.Not.Empty, "the 503s name a correlation id");
            Assert.That(correlationIds, Has.All.Match("^[0-9a-f]{32}$"), "a W3C trace id");
            Assert.That(correlationIds.Any(id => output.Any(line => line.Contains(id, StringComparison.Ordinal))), Is.True,
                "the log line of an outage carries the correlation id of its 503");
        });
        Assert.Multiple(() =>
        {
            Assert.That(discoveryBefore.Headers.Contains("Access-Control-Allow-Origin"), Is.True, "the seeded spa lists https://spa.example");
            Assert.That(discoveryDuring.StatusCode, Is.EqualTo(HttpStatusCode.OK), "discovery answers from memory during the outage");
            Assert.That(discoveryDuring.Headers.Contains("Access-Control-Allow-Origin"), Is.False, "no origin is taken while the store cannot say");
            Assert.That(preflightPaused, Is.True, "a preflight is 503 while the origins cannot be read");
            Assert.That(preflightDuring.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), preflightBody);
            Assert.That(preflightBody, Does.Contain("temporarily_unavailable"));
            Assert.That(preflightDuring.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
            Assert.That(unhealthy, Is.True, "/health turns 503 while PostgreSQL is down");
            Assert.That(healthBody, Does.Contain("\"unhealthy\""));
            Assert.That(refusedUnderLoad, Is.True, "token requests are refused with 503 while PostgreSQL is down");
            Assert.That(healthyAgain, Is.True, "/health recovers once PostgreSQL is back");
            Assert.That(issuingAgain, Is.True, "tokens are issued again without restarting the node");
            Assert.That(Node.HasExited, Is.False);
            Assert.That(all.Where(o => o.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).Select(o => o.ToString()), Is.Empty,
                $"every answer is a 200 or a 503, never a 500 or a dropped connection. The node's log:{Environment.NewLine}{Node.RecentOutput}");
            Assert.That(all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable && o.Error != "temporarily_unavailable").Select(o => o.ToString()), Is.Empty,
                "every 503 carries the documented error body");
            Assert.That(all.Max(o => o.Took), Is.LessThan(AnswerBound), "no request hangs");
        });
    }

    private async Task LoadAsync(ConcurrentQueue<Outcome> outcomes, CancellationToken stop)
    {
        var client = new OAuthClient(Node.Client);
        for (var i = 0; i < 4000 && !stop.IsCancellationRequested; i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await client.RequestTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead).WaitAsync(AnswerBound * 2, CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                outcomes.Enqueue(new Outcome(response.StatusCode, ErrorOf(text), watch.Elapsed, text));
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                outcomes.Enqueue(new Outcome(null, null, watch.Elapsed, ex.GetType().Name + ": " + ex.Message));
            }

            // Bounded pace: the outage makes every answer fast, and the load must stay a load, not a flood.
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>A request as the seeded single-page app's browser sends it, from https://spa.example.</summary>
    private Task<HttpResponseMessage> FromBrowserAppAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", "https://spa.example");
        if (method == HttpMethod.Options)
        {
            request.Headers.Add("Access-Control-Request-Method", "POST");
        }

        return Node.Client.SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, string Body)> HealthAsync()
    {
        using var response = await Node.Client.GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? ErrorOf(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Outcome(HttpStatusCode? Status, string? Error, TimeSpan Took, string Body)
    {
        public override string ToString() => $"{(int?)Status} after {Took.TotalMilliseconds:0} ms: {Body}";
    }
}
