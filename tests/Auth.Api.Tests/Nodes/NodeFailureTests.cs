using System.Collections.Concurrent;
using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// Nodes fail and restart without losing anything they acknowledged: every token, refresh token, revocation and
/// signing key is in the shared database before the response that announces it leaves the node.
/// </summary>
public sealed class NodeFailureTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Killing_a_node_under_load_loses_no_acknowledged_token_and_its_refresh_tokens_work_on_the_other()
    {
        var nodes = await Task.WhenAll(AuthProcess.StartBesideAsync(Server), AuthProcess.StartBesideAsync(Server));
        await using var node1 = nodes[0];
        await using var node2 = nodes[1];
        var acknowledged = new ConcurrentBag<string>();
        var refreshToken = (await SignInOnAsync(node1)).RefreshToken;

        // Four workers issue tokens on node 1 (at most 100 each, 60 s) until the node dies under them.
        using var loadTime = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => IssueUntilGoneAsync(node1, acknowledged, loadTime.Token))).ToList();
        await Eventually.HoldsAsync(() => acknowledged.Count >= 40, TimeSpan.FromSeconds(60));
        node1.Kill();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        var onNode2 = new OAuthClient(node2.Client);
        var inactive = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (token, _) =>
        {
            if (!await onNode2.IsActiveAsync(token, TestSeed.OrdersApiClient))
            {
                inactive.Add(token);
            }
        });
        using var refresh = await onNode2.PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken)), OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        var refreshed = await OAuthClient.ReadJsonAsync(refresh);

        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(40), "the load ran before the kill");
            Assert.That(inactive, Is.Empty, $"{inactive.Count} of {acknowledged.Count} acknowledged tokens were lost");
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), refreshed.ToString());
            Assert.That(refreshed.TryGetProperty("access_token", out _), Is.True);
        });
    }

    [Test]
    public async Task Restarting_every_node_keeps_all_tokens_revocations_and_keys()
    {
        var nodes = await Task.WhenAll(AuthProcess.StartBesideAsync(Server), AuthProcess.StartBesideAsync(Server));
        await using var node1 = nodes[0];
        await using var node2 = nodes[1];
        var fromNode1 = await new OAuthClient(node1.Client).GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var fromNode2 = await new OAuthClient(node2.Client).GetAccessTokenAsync(TestSeed.ServiceB, TestSeed.OrdersRead);
        var revoked = await new OAuthClient(node1.Client).GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        using (var revocation = await new OAuthClient(node2.Client).RevokeAsync(revoked, TestSeed.ServiceA, "access_token"))
        {
            Assert.That(revocation.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var refreshToken = (await SignInOnAsync(node2)).RefreshToken;
        var kids = await Jwt.PublishedKidsAsync(node1.Client);

        await Task.WhenAll(node1.StopAsync(), node2.StopAsync());
        await RestartServerAsync();
        await Task.WhenAll(node1.RestartAsync(), node2.RestartAsync());

        foreach (var node in new[] { Server.Client, node1.Client, node2.Client })
        {
            var client = new OAuthClient(node);
            Assert.Multiple(async () =>
            {
                Assert.That(await client.IsActiveAsync(fromNode1, TestSeed.OrdersApiClient), Is.True, $"node 1's token on {node.BaseAddress}");
                Assert.That(await client.IsActiveAsync(fromNode2, TestSeed.OrdersApiClient), Is.True, $"node 2's token on {node.BaseAddress}");
                Assert.That(await client.IsActiveAsync(revoked, TestSeed.OrdersApiClient), Is.False, $"the revoked token on {node.BaseAddress}");
                Assert.That(await Jwt.PublishedKidsAsync(node), Is.EquivalentTo(kids), $"the keys on {node.BaseAddress}");
            });
        }

        using var refresh = await new OAuthClient(node1.Client).PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken)), OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refresh.Content.ReadAsStringAsync());
    }

    private static async Task IssueUntilGoneAsync(AuthProcess node, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        var client = new OAuthClient(node.Client);
        for (var i = 0; i < 100 && !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await client.RequestTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
                var body = await OAuthClient.ReadJsonAsync(response);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // Acknowledged: the whole 200 response has arrived.
                    acknowledged.Add(body.GetProperty("access_token").GetString()!);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A fresh user signs in to the web app entirely on one node, which issues the tokens.</summary>
    private async Task<(string AccessToken, string RefreshToken)> SignInOnAsync(AuthProcess node)
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var browser = new UserAgent(node.BaseAddress);
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        using var redemption = await new OAuthClient(node.Client).PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", pkce.Verifier)),
            OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        var tokens = await OAuthClient.ReadJsonAsync(redemption);
        Assert.That(redemption.StatusCode, Is.EqualTo(HttpStatusCode.OK), tokens.ToString());
        return (tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!);
    }
}
