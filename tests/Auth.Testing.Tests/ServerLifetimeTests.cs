using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Auth.TestSupport;

namespace Auth.Testing.Tests;

/// <summary>Starting and stopping servers: side by side, out of process, and what disposing leaves behind.</summary>
public sealed class ServerLifetimeTests
{
    [Test]
    public async Task Two_servers_at_once_have_their_own_ports_users_and_tokens()
    {
        await using var first = await AuthTestServer.StartAsync(FixtureWorld.Options());
        await using var second = await AuthTestServer.StartAsync(FixtureWorld.Options());

        await first.CreateUserAsync("dave", "dave-password-0123");
        var token = await first.GetClientTokenAsync(FixtureWorld.Service, scope: "orders.read");

        var refused = Assert.ThrowsAsync<AuthTestServerException>(() => second.GetUserTokensAsync("dave", FixtureWorld.WebApp, "openid"));
        var atSecond = await second.IntrospectAsync(token.AccessToken, FixtureWorld.Api);
        Assert.Multiple(async () =>
        {
            Assert.That(second.Port, Is.Not.EqualTo(first.Port));
            Assert.That(second.Issuer, Is.Not.EqualTo(first.Issuer));
            Assert.That(refused!.Body, Does.Contain("invalid_grant"));
            Assert.That((await first.GetUserTokensAsync("dave", FixtureWorld.WebApp, "openid")).IdToken, Is.Not.Null);
            Assert.That(atSecond.GetProperty("active").GetBoolean(), Is.False);
            Assert.That((await first.IntrospectAsync(token.AccessToken, FixtureWorld.Api)).GetProperty("active").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task Settings_reach_the_server()
    {
        var options = FixtureWorld.Options();
        options.Settings["OAuth:AccessTokenLifetime"] = "00:10:00";
        await using var server = await AuthTestServer.StartAsync(options);

        var tokens = await server.GetClientTokenAsync(FixtureWorld.Service, scope: "orders.read");

        Assert.That(tokens.ExpiresIn, Is.EqualTo(600));
    }

    [Test]
    public async Task Disposing_stops_the_server_and_deletes_the_temporary_seed_file()
    {
        var server = await AuthTestServer.StartAsync(FixtureWorld.Options());
        var port = server.Port;
        var seed = server.SeedFilePath;
        var answered = await CanConnectAsync(port);
        var seedWritten = File.Exists(seed);

        await server.DisposeAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(answered, Is.True);
            Assert.That(seedWritten, Is.True);
            Assert.That(await CanConnectAsync(port), Is.False, "the port still takes connections");
            Assert.That(File.Exists(seed), Is.False);
            Assert.That(Directory.Exists(Path.GetDirectoryName(seed)), Is.False);
        });
    }

    [Test]
    public async Task Out_of_process_the_built_executable_starts_from_a_seed_file_and_its_process_ends_on_dispose()
    {
        var server = await AuthTestServer.StartAsync(new AuthTestServerOptions
        {
            InProcess = false,
            ExecutablePath = BuiltService.DllPath(),
            SeedFile = Path.Combine(BuiltService.RepositoryRoot(), "samples", "node", "seed.json"),
        });
        var pid = server.ProcessId;
        var port = server.Port;
        JsonElement discovery;
        AuthTokens token;
        bool writeXorExecute;
        try
        {
            writeXorExecute = WriteXorExecuteMappings.MapsCompiledCodeTwice(pid);
            discovery = await server.HttpClient.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");
            token = await server.GetClientTokenAsync("billing-service", scope: "orders.read");
            await server.CreateUserAsync("erin", "erin-password-0123");
            await server.GetUserTokensAsync("erin", "orders-web", "openid");
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Multiple(async () =>
        {
            Assert.That(pid, Is.Not.EqualTo(Environment.ProcessId));
            Assert.That(writeXorExecute, Is.False, "the child runs without W^X unless asked (a shorter start)");
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(server.Issuer.AbsoluteUri));
            Assert.That(server.ClientIds, Is.EqualTo(new[] { "billing-service", "orders-api", "orders-web", "test-admin" }));
            Assert.That(token.AccessToken, Is.Not.Empty);
            Assert.That(RunningProcesses.IsRunning(pid), Is.False, "the server's process still runs");
            Assert.That(await CanConnectAsync(port), Is.False);
            Assert.That(File.Exists(server.SeedFilePath), Is.False);
        });
    }

    [Test]
    public async Task Out_of_process_the_child_keeps_W_xor_X_when_asked()
    {
        await using var server = await AuthTestServer.StartAsync(new AuthTestServerOptions
        {
            InProcess = false,
            ExecutablePath = BuiltService.DllPath(),
            WriteXorExecute = true,
        });

        Assert.That(WriteXorExecuteMappings.MapsCompiledCodeTwice(server.ProcessId), Is.True, "W^X maps the compiled code twice (writable, executable)");
    }

    [Test]
    public void Out_of_process_an_early_exit_reports_the_servers_standard_error()
    {
        var options = new AuthTestServerOptions { InProcess = false, ExecutablePath = BuiltService.DllPath() };
        options.Settings["ConnectionStrings:Postgres"] = "Host=db.example;Username=auth";

        var failed = Assert.ThrowsAsync<AuthTestServerException>(() => AuthTestServer.StartAsync(options));

        Assert.That(failed!.Message, Does.Contain("exited with code 1").And.Contain("Ephemeral mode is refused with ConnectionStrings:Postgres set"));
    }

    [Test]
    public void A_missing_executable_is_named()
    {
        var options = new AuthTestServerOptions { InProcess = false, ExecutablePath = Path.Combine(Path.GetTempPath(), "no-such-folder", "Auth.Api.dll") };

        var failed = Assert.ThrowsAsync<AuthTestServerException>(() => AuthTestServer.StartAsync(options));

        Assert.That(failed!.Message, Does.Contain("no-such-folder"));
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
