using System.Net;
using System.Net.Sockets;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// SIGTERM stops a node gracefully: it refuses new connections at once, finishes the requests it has (for up to
/// Shutdown:Timeout), and exits 0, so a supervisor or a load balancer can drain it without failing anyone.
/// </summary>
public sealed class GracefulShutdownTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task On_SIGTERM_in_flight_requests_finish_new_connections_are_refused_and_the_process_exits_0()
    {
        await using var node = await AuthProcess.StartBesideAsync(Server, new Dictionary<string, string?> { ["Shutdown:Timeout"] = "00:00:20" });
        using var http = HeldBackContent.Client(node.BaseAddress);
        var bodies = Enumerable.Range(0, 4).Select(_ => TokenRequestBody()).ToList();
        var responses = bodies.Select(body => SendAsync(http, body)).ToList();
        await Task.WhenAll(bodies.Select(b => b.Started)).WaitAsync(TimeSpan.FromSeconds(20));

        await node.TerminateAsync();
        var refused = await RefusesConnectionsAsync(node.BaseAddress, TimeSpan.FromSeconds(10));
        var stillRunning = !node.HasExited;
        bodies.ForEach(b => b.Release());
        var results = await Task.WhenAll(responses).WaitAsync(TimeSpan.FromSeconds(20));
        var exited = await node.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.True, "new connections are refused once shutdown has begun");
            Assert.That(stillRunning, Is.True, "the node waits for its in-flight requests");
            Assert.That(results.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK), string.Join(Environment.NewLine, results.Select(r => r.Body)));
            Assert.That(results.Select(r => r.Body), Is.All.Contain("access_token"));
            Assert.That(exited, Is.True, "the node exits once the requests are done");
            Assert.That(exited ? node.ExitCode : -1, Is.EqualTo(0), node.RecentOutput);
        });
    }

    [Test]
    public async Task A_request_that_outlasts_the_shutdown_timeout_is_cut_off_and_the_process_still_exits_0()
    {
        await using var node = await AuthProcess.StartBesideAsync(Server, new Dictionary<string, string?> { ["Shutdown:Timeout"] = "00:00:02" });
        using var http = HeldBackContent.Client(node.BaseAddress);
        var body = TokenRequestBody();
        var response = SendAsync(http, body);
        await body.Started.WaitAsync(TimeSpan.FromSeconds(20));
        var stopping = DateTime.UtcNow;

        await node.TerminateAsync();
        var exited = await node.WaitForExitAsync(TimeSpan.FromSeconds(15));
        var took = DateTime.UtcNow - stopping;
        body.Release();
        var ended = await Task.WhenAny(response, Task.Delay(TimeSpan.FromSeconds(10))) == response;

        Assert.Multiple(() =>
        {
            Assert.That(exited, Is.True, "the node does not wait past Shutdown:Timeout");
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(12)));
            Assert.That(exited ? node.ExitCode : -1, Is.EqualTo(0), node.RecentOutput);
            Assert.That(ended, Is.True, "the held request ends (it is cut off) rather than hanging");
        });
    }

    private static HeldBackContent TokenRequestBody() =>
        new("grant_type=client_credentials&scope=", Uri.EscapeDataString(TestSeed.OrdersRead));

    private static async Task<(HttpStatusCode? Status, string Body)> SendAsync(HttpClient http, HeldBackContent body)
    {
        try
        {
            using var request = HeldBackContent.Post("/oauth/token", body);
            request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
    }

    private static Task<bool> RefusesConnectionsAsync(Uri address, TimeSpan within) => Eventually.HoldsAsync(
        async () =>
        {
            using var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
                return false;
            }
            catch (SocketException)
            {
                return true;
            }
        },
        within);
}
