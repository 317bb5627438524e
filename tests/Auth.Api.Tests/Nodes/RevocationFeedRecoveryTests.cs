using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// ADR 0010: the revocation feed recovers on its own. A node whose LISTEN connection is killed still refuses a token
/// revoked elsewhere within a second (the poll) and listens again; a node started on a store with revocations in force
/// refuses those tokens from its first answer (start-up reads them before the node reports ready).
/// </summary>
public sealed class RevocationFeedRecoveryTests(StoreKind store) : UserFlowTest(store)
{
    private static readonly string[] ClientScopes = ["scim", TestSeed.OrdersRead];

    private AuthProcess? _nodeB;

    [Test]
    public async Task A_node_whose_listen_connection_is_killed_refuses_revoked_tokens_within_a_second_and_listens_again()
    {
        if (StoreKind != StoreKind.Postgres)
        {
            Assert.Ignore("PostgreSQL only: SQLite has no listening connection (it polls PRAGMA data_version).");
        }

        var nodeB = await NodeBAsync();
        var killed = await Eventually.ReadAsync(() => ListenersOfAsync(nodeB), pids => pids.Count == 1, TimeSpan.FromSeconds(10));
        Assert.That(killed, Has.Count.EqualTo(1), "node B listens on one connection of its own");
        var first = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var second = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var firstOnB = TokenProbe.OfProvisioningClient(nodeB.Client, first, TestSeed.ScimClient);
        var secondOnB = TokenProbe.OfProvisioningClient(nodeB.Client, second, TestSeed.ScimClient);
        await TokenProbe.AssertAcceptedAsync([.. firstOnB, .. secondOnB]);

        await TerminateBackendAsync(killed[0]);
        using (var revoked = await OAuth.RevokeAsync(first, TestSeed.ScimClient, "access_token"))
        {
            var acknowledged = Propagation.Now();
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Propagation.AssertRefusedWithinLimitAsync("revoke on A, B's listener killed → B", acknowledged, firstOnB);
        }

        var relistened = await Eventually.ReadAsync(
            () => ListenersOfAsync(nodeB), pids => pids.Count == 1 && pids[0] != killed[0], TimeSpan.FromSeconds(5));
        Assert.That(relistened, Has.Count.EqualTo(1).And.No.EqualTo(killed[0]), "node B listens again on a new connection");

        using (var revoked = await OAuth.RevokeAsync(second, TestSeed.ScimClient, "access_token"))
        {
            var acknowledged = Propagation.Now();
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Propagation.AssertRefusedWithinLimitAsync("revoke on A, B listening again → B", acknowledged, secondOnB);
        }
    }

    [Test]
    public async Task A_node_started_on_a_store_with_revocations_in_force_refuses_their_tokens_from_its_first_answer()
    {
        // Node B starts (if no other test has started it) while this fixture's server signs the users in.
        var starting = NodeBAsync();
        var (_, deactivated) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var (_, active) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var client = await RegisterOwnClientAsync("recovering", ClientScopes);
        var running = await starting;
        var onRunning = new OAuthClient(running.Client);
        var denied = await onRunning.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var kept = await onRunning.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var ofRemovedClient = await onRunning.GetAccessTokenAsync(client, string.Join(' ', ClientScopes));

        // The three kinds of change, made while the node runs: a token's jti, a user's cut-off, a client's cut-off.
        var removing = AuthExecutable.RunAsync(Server.Store, "clients", "remove", "--id", client.Id);
        using (var revoked = await onRunning.RevokeAsync(denied, TestSeed.ScimClient, "access_token"))
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var scim = new ScimClient(running.Client, kept);
        var (patched, body) = await scim.PatchAsync("/Users/" + Subject(deactivated), ScimClient.Patch("""{"op":"replace","value":{"active":false}}"""));
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        var removed = await removing;
        Assert.That(removed.ExitCode, Is.Zero, removed.Error);

        running.Kill();
        _nodeB = null;

        _nodeB = await StartNodeBesideAsync();
        await AssertFirstAnswersAsync(_nodeB.Client, new RevokedAndKept(denied, Access(deactivated), ofRemovedClient, kept, Access(active)));
    }

    /// <summary>
    /// The same with the feed's loop taken out of a server started in this process: only the start-up read
    /// (StoreStartup) can bring the changes in, where on a whole node the loop's first read could also win the race.
    /// </summary>
    [Test]
    public async Task The_start_up_read_alone_restores_every_revocation_in_force_before_the_first_answer()
    {
        var denied = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var kept = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var (user, deactivated) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var (_, active) = await SignedInTokensAsync(TestSeed.MfaScopes);
        var client = await RegisterOwnClientAsync("recovering", ClientScopes);
        var ofRemovedClient = await OAuth.GetAccessTokenAsync(client, string.Join(' ', ClientScopes));
        using (var revoked = await OAuth.RevokeAsync(denied, TestSeed.ScimClient, "access_token"))
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await DeactivateAsync(user);
        using (var scope = Server.Services.CreateScope())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RemoveClient(client.Id));
            Assert.That(removed.Succeeded, Is.True, removed.Error?.Description);
        }

        await using var started = await ServerWithoutFeedLoop.StartAsync(Server);
        await AssertFirstAnswersAsync(started.Client, new RevokedAndKept(denied, Access(deactivated), ofRemovedClient, kept, Access(active)));
    }

    /// <summary>
    /// Each token's first answers on a node that has just reported ready: introspection (inactive for the three
    /// revoked ones) and this service's own APIs (401), while the tokens nobody revoked still work.
    /// </summary>
    private static async Task AssertFirstAnswersAsync(HttpClient node, RevokedAndKept tokens)
    {
        var onNode = new OAuthClient(node);
        var answers = new List<(string Probe, HttpStatusCode Status, bool? Active)>();
        foreach (var (name, token, asClient) in new[]
                 {
                     ("revoked token", tokens.Denied, TestSeed.ScimClient),
                     ("deactivated user's token", tokens.OfDeactivatedUser, TestSeed.WebApp),
                     ("removed client's token", tokens.OfRemovedClient, TestSeed.OrdersApiClient),
                     ("token not revoked", tokens.Kept, TestSeed.ScimClient),
                     ("other user's token", tokens.OfActiveUser, TestSeed.WebApp),
                 })
        {
            answers.Add(("introspection of " + name, HttpStatusCode.OK, await onNode.IsActiveAsync(token, asClient)));
        }

        answers.Add(("SCIM with the revoked token", await StatusOfAsync(node, HttpMethod.Get, "/scim/v2/Users?count=1", tokens.Denied), null));
        answers.Add(("SCIM with the removed client's token", await StatusOfAsync(node, HttpMethod.Get, "/scim/v2/Users?count=1", tokens.OfRemovedClient), null));
        answers.Add(("MFA API with the deactivated user's token", await StatusOfAsync(node, HttpMethod.Post, "/mfa/totp/generate", tokens.OfDeactivatedUser), null));
        answers.Add(("userinfo with the deactivated user's token", await StatusOfAsync(node, HttpMethod.Get, "/oauth/userinfo", tokens.OfDeactivatedUser), null));
        answers.Add(("SCIM with the token not revoked", await StatusOfAsync(node, HttpMethod.Get, "/scim/v2/Users?count=1", tokens.Kept), null));
        answers.Add(("MFA API with the other user's token", await StatusOfAsync(node, HttpMethod.Post, "/mfa/totp/generate", tokens.OfActiveUser), null));

        Assert.That(answers, Is.EqualTo(new List<(string, HttpStatusCode, bool?)>
        {
            ("introspection of revoked token", HttpStatusCode.OK, false),
            ("introspection of deactivated user's token", HttpStatusCode.OK, false),
            ("introspection of removed client's token", HttpStatusCode.OK, false),
            ("introspection of token not revoked", HttpStatusCode.OK, true),
            ("introspection of other user's token", HttpStatusCode.OK, true),
            ("SCIM with the revoked token", HttpStatusCode.Unauthorized, null),
            ("SCIM with the removed client's token", HttpStatusCode.Unauthorized, null),
            ("MFA API with the deactivated user's token", HttpStatusCode.Unauthorized, null),
            ("userinfo with the deactivated user's token", HttpStatusCode.Unauthorized, null),
            ("SCIM with the token not revoked", HttpStatusCode.OK, null),
            ("MFA API with the other user's token", HttpStatusCode.OK, null),
        }), "the first answers of a node started after the changes");
    }

    /// <summary>One node beside this fixture's server for every test, started by the first that needs it.</summary>
    private async Task<AuthProcess> NodeBAsync() => _nodeB ??= await StartNodeBesideAsync();

    private sealed record RevokedAndKept(string Denied, string OfDeactivatedUser, string OfRemovedClient, string Kept, string OfActiveUser);

    private static string Access(System.Text.Json.JsonElement tokens) => tokens.GetProperty("access_token").GetString()!;

    private static string Subject(System.Text.Json.JsonElement tokens) => Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sub"]!.GetValue<string>();

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient node, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await node.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// The backends that LISTEN for a node: the connections named auth-change-signal (PostgresChangeSignal) whose
    /// client port is one of the node's own sockets (every node of a test is on loopback, and on one database).
    /// </summary>
    private async Task<List<int>> ListenersOfAsync(AuthProcess node)
    {
        var ports = LocalPortsOf(node.ProcessId);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid, application_name, state, query, client_port FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'auth-change-signal' ORDER BY pid",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync())
        {
            TestContext.Out.WriteLine($"listener backend {reader.GetInt32(0)}: application_name '{reader.GetString(1)}', {reader.GetString(2)}, '{reader.GetString(3)}', client port {reader.GetInt32(4)}");
            if (ports.Contains(reader.GetInt32(4)))
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        return pids;
    }

    private async Task TerminateBackendAsync(int pid)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", pid);
        Assert.That(await command.ExecuteScalarAsync(), Is.True, $"backend {pid} terminated");
    }

    /// <summary>The store's database as the test cluster's superuser (the store connects as that role).</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.Store.PostgresConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The local TCP ports of a process's sockets: /proc/PID/fd names each socket's inode, /proc/PID/net/tcp* its address.</summary>
    private static HashSet<int> LocalPortsOf(int processId)
    {
        var inodes = new HashSet<string>();
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target["socket:[".Length..^1]);
                }
            }
            catch (IOException)
            {
                // Closed while listed.
            }
        }

        var ports = new HashSet<int>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            foreach (var columns in File.ReadLines($"/proc/{processId}/net/{table}").Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (inodes.Contains(columns[9]))
                {
                    ports.Add(int.Parse(columns[1].Split(':')[^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }
}
