using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Auth.Bench;

/// <summary>
/// Scenario 9: how long a change made on node A takes to be enforced by node B, a second service process on the same
/// store. Each round gets a client_credentials token on A, sees it active at B's introspection endpoint, revokes it at
/// A, then asks B every 5 ms until B answers active:false. With users, the same for a user's access token: SCIM PATCH
/// active=false on A until B's userinfo refuses the token. The clock starts when A has answered (the change is
/// committed there) and stops at B's first refusal. Rounds are bounded in number and in time.
/// </summary>
internal static class PropagationScenario
{
    private const int WarmUpRounds = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(Arguments args)
    {
        var store = args.Text("store");
        var nodeA = new Uri(args.Text("url"));
        var nodeB = new Uri(args.Text("url-b"));
        var rounds = args.Int("rounds", 50);
        var budget = Load.Seconds(args, "seconds", 60);
        using var a = new HttpClient { BaseAddress = nodeA, Timeout = RequestTimeout };
        using var b = new HttpClient { BaseAddress = nodeB, Timeout = RequestTimeout };
        var service = Basic("bench-service", "bench-service-secret");
        var resourceServer = Basic("bench-api", "bench-api-secret");

        var revocations = await MeasureAsync(rounds, budget, async () =>
        {
            var token = await ClientCredentialsTokenAsync(a, service, "orders.read");
            if (!await IsActiveAtAsync(b, resourceServer, token))
            {
                throw new InvalidOperationException("node B does not answer active:true for a token node A issued");
            }

            using var revoke = Form(HttpMethod.Post, "/oauth/revoke", service, ("token", token), ("token_type_hint", "access_token"));
            using var revoked = await a.SendAsync(revoke);
            Require(revoked, "revocation at node A");
            return async () => !await IsActiveAtAsync(b, resourceServer, token);
        });
        Print(store, "propagation_revocation", revocations, "client_credentials token revoked at node A (/oauth/revoke) until /oauth/introspect at node B answers active:false");

        if (args.Optional("user-prefix") is { } prefix)
        {
            var scim = await ClientCredentialsTokenAsync(a, Basic("bench-scim", "bench-scim-secret"), "scim");
            var next = 0;
            var deactivations = await MeasureAsync(args.Int("users", 5), budget, async () =>
            {
                var userName = string.Create(CultureInfo.InvariantCulture, $"{prefix}{next++:D3}");
                using var browser = new Browser(nodeA);
                await browser.SignInAsync(userName, args.Text("password"));
                var token = await browser.AuthorizationCodeFlowAsync();
                if (!await UserInfoAcceptsAsync(b, token))
                {
                    throw new InvalidOperationException($"/oauth/userinfo at node B refuses the token of {userName} before the change");
                }

                await DeactivateAsync(a, scim, userName);
                return async () => !await UserInfoAcceptsAsync(b, token);
            }, warmUpRounds: 0);
            Print(store, "propagation_deactivation", deactivations, "user deactivated at node A (SCIM PATCH active=false) until /oauth/userinfo at node B refuses the access token of the user");
        }

        return 0;
    }

    /// <summary>
    /// Runs <paramref name="change"/> (which makes the change at A and returns the check that B enforces it) until the
    /// rounds or the time budget run out; the first rounds only warm node B up.
    /// </summary>
    private static async Task<Rounds> MeasureAsync(int rounds, TimeSpan budget, Func<Task<Func<Task<bool>>>> change, int warmUpRounds = WarmUpRounds)
    {
        var latencies = new Latencies();
        var atFirstAsk = 0;
        var until = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        for (var round = 0; round < warmUpRounds + rounds && Stopwatch.GetTimestamp() < until; round++)
        {
            var sample = round < warmUpRounds ? new Latencies() : latencies;
            try
            {
                var enforcedAtB = await change();
                var start = Stopwatch.GetTimestamp();
                var asks = 1;
                for (; !await enforcedAtB(); asks++)
                {
                    if (Stopwatch.GetElapsedTime(start) > GiveUpAfter)
                    {
                        throw new InvalidOperationException($"node B still accepted the change after {GiveUpAfter.TotalSeconds:F0} s");
                    }

                    await Task.Delay(PollInterval);
                }

                sample.Add(Stopwatch.GetElapsedTime(start));
                atFirstAsk += round >= warmUpRounds && asks == 1 ? 1 : 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                sample.Fail();
                Console.Error.WriteLine($"[driver] propagation: {ex.Message}");
            }
        }

        return new Rounds(latencies, atFirstAsk);
    }

    private static void Print(string store, string scenario, Rounds rounds, string how)
    {
        var latencies = rounds.Latencies;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{how}; {latencies.Count} rounds, polled every {PollInterval.TotalMilliseconds:F0} ms; B refused at the first ask in {rounds.AtFirstAsk} of them");
        new Measurement(store, scenario + "_median", latencies.Percentile(50), "ms") { Errors = latencies.Errors, Note = note }.Print();
        new Measurement(store, scenario + "_max", latencies.Percentile(100), "ms") { Errors = latencies.Errors }.Print();
    }

    private static async Task<string> ClientCredentialsTokenAsync(HttpClient node, AuthenticationHeaderValue client, string scope)
    {
        using var request = Form(HttpMethod.Post, "/oauth/token", client, ("grant_type", "client_credentials"), ("scope", scope));
        using var response = await node.SendAsync(request);
        Require(response, "token request at node A");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task<bool> IsActiveAtAsync(HttpClient node, AuthenticationHeaderValue resourceServer, string token)
    {
        using var request = Form(HttpMethod.Post, "/oauth/introspect", resourceServer, ("token", token), ("token_type_hint", "access_token"));
        using var response = await node.SendAsync(request);
        Require(response, "introspection at node B");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean();
    }

    private static async Task<bool> UserInfoAcceptsAsync(HttpClient node, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await node.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    private static async Task DeactivateAsync(HttpClient node, string scimToken, string userName)
    {
        using var find = new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}");
        find.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scimToken);
        using var found = await node.SendAsync(find);
        Require(found, "SCIM lookup at node A");
        var id = (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Resources")[0].GetProperty("id").GetString();

        // RFC 7644 §3.5.2.3: replace of a single-valued attribute.
        const string Patch = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""";
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/scim/v2/Users/{id}")
        {
            Content = new StringContent(Patch, Encoding.UTF8, "application/scim+json"),
        };
        patch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scimToken);
        using var patched = await node.SendAsync(patch);
        Require(patched, "SCIM PATCH active=false at node A");
    }

    private static HttpRequestMessage Form(HttpMethod method, string path, AuthenticationHeaderValue client, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Authorization = client;
        return request;
    }

    /// <summary>The measured rounds, and how many of them B enforced at once (its first answer after A's).</summary>
    private sealed record Rounds(Latencies Latencies, int AtFirstAsk);

    private static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{clientId}:{secret}")));

    private static void Require(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}");
        }
    }
}
