using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;
using Npgsql;

namespace Auth.Api.Tests.Deployment;

/// <summary>
/// The rendered base Deployment run as its pod would run it, against a test PostgreSQL: the service's executable with
/// exactly the container's environment (the ConfigMap, and the Secret references filled in) and arguments, and nothing
/// of the test's own environment. Only what a pod has and this machine has not is changed: Kestrel and the metrics port
/// on loopback ports. The working directory stands for the read-only root filesystem: nothing may be written there.
/// </summary>
[NonParallelizable]
public sealed class RenderedPodTests
{
    private RenderedManifests _manifests = null!;
    private string _database = null!;
    private string _workingDirectory = null!;
    private readonly string _masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [OneTimeSetUp]
    public void Render() => _manifests = RenderedManifests.Render("base");

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _workingDirectory = Directory.CreateTempSubdirectory("auth-pod-").FullName;
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await TestPostgres.DropDatabaseAsync(_database);
        Directory.Delete(_workingDirectory, recursive: true);
    }

    [Test]
    public async Task The_server_refuses_a_database_with_pending_migrations_until_the_init_containers_migrate_has_run_then_serves_and_drains()
    {
        var port = LoopbackPorts.Next();
        var metricsPort = LoopbackPorts.Next();

        var refused = await RunToEndAsync(_manifests.ServerContainer, port, metricsPort);
        var migrated = await RunToEndAsync(_manifests.MigrationContainer, port, metricsPort);
        using var server = Start(_manifests.ServerContainer, port, metricsPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var ready = await WaitForAsync(http, "/health/ready", server.Process);
        using var live = await http.GetAsync("/health/live");
        using var metricsOnMainPort = await http.GetAsync("/metrics");
        var metricsPortAnswers = await AnswersAsync(metricsPort);

        var stopping = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", server.Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds((long)_manifests.PodSpec["terminationGracePeriodSeconds"]!));
        await server.Process.WaitForExitAsync(grace.Token);
        var logLines = server.Output.Where(line => line.Length > 0).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.Not.EqualTo(0), "the server does not start on a database with pending migrations");
            Assert.That(refused.Output, Does.Contain("pending migrations").And.Contain("migrate"), "it says why and what to run");
            Assert.That(migrated.ExitCode, Is.EqualTo(0), migrated.Output);
            Assert.That(migrated.Output, Does.Contain("Applied"));
            Assert.That(ready, Is.EqualTo(HttpStatusCode.OK), "ready after the migration: " + string.Join(Environment.NewLine, server.Output));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(metricsOnMainPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "/metrics only on Metrics:Port");
            Assert.That(metricsPortAnswers, Is.True, "Kestrel listens on Metrics:Port");
            Assert.That(server.Process.ExitCode, Is.EqualTo(0), "SIGTERM drains and exits 0");
            Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "within the grace period");
            Assert.That(logLines, Is.Not.Empty);
            Assert.That(logLines.Where(line => !IsJsonObject(line)), Is.Empty, "one JSON object per log line (Logging__Console__FormatterName=json)");
            Assert.That(Directory.EnumerateFileSystemEntries(_workingDirectory), Is.Empty, "nothing written where the root filesystem is read-only");
        });
    }

    [Test]
    public async Task Init_containers_of_several_pods_migrating_one_database_at_once_all_succeed_and_apply_each_migration_once()
    {
        // Pods of a rollout or a scale-up start together (decision 0021): EF Core's migration lock orders them.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunToEndAsync(_manifests.MigrationContainer, LoopbackPorts.Next(), LoopbackPorts.Next())));
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var history = new NpgsqlCommand("""SELECT count(*) - count(DISTINCT "MigrationId") FROM "__EFMigrationsHistory" """, connection);
        var duplicates = (long)(await history.ExecuteScalarAsync())!;
        var again = await RunToEndAsync(_manifests.MigrationContainer, LoopbackPorts.Next(), LoopbackPorts.Next());

        Assert.Multiple(() =>
        {
            Assert.That(runs.Select(r => r.ExitCode), Is.All.EqualTo(0), string.Join(Environment.NewLine + "---" + Environment.NewLine, runs.Select(r => r.Output)));
            Assert.That(duplicates, Is.EqualTo(0), "each migration recorded once");
            Assert.That(again.ExitCode, Is.EqualTo(0));
            Assert.That(again.Output, Does.Contain("The database is up to date."), "a pod started later finds nothing to do");
        });
    }

    [Test]
    public async Task The_migrate_verb_connects_with_the_user_name_from_PGUSER_as_the_CloudNativePG_overlay_gives_it()
    {
        // The overlay's connection string names no user or password; Npgsql takes PGUSER and PGPASSWORD (the operator's
        // Secret). The test server trusts local connections, so only the user name is checked: as anyone else, the
        // connection fails ("role does not exist").
        var admin = new NpgsqlConnectionStringBuilder(_database);
        var environment = PodEnvironment(_manifests.MigrationContainer, LoopbackPorts.Next(), LoopbackPorts.Next());
        environment["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder { Host = admin.Host, Port = admin.Port, Database = admin.Database }.ConnectionString;
        environment["PGUSER"] = admin.Username;
        environment["PGPASSWORD"] = admin.Password;

        var migrated = await RunToEndAsync(environment, ["migrate"]);
        environment["PGUSER"] = "no_such_role";
        var refused = await RunToEndAsync(environment, ["migrate"]);

        Assert.Multiple(() =>
        {
            Assert.That(migrated.ExitCode, Is.EqualTo(0), migrated.Output);
            Assert.That(refused.ExitCode, Is.Not.EqualTo(0));
            Assert.That(refused.Output, Does.Contain("no_such_role"));
        });
    }

    /// <summary>
    /// The container's environment as the kubelet makes it: envFrom the ConfigMap, then env (which wins), each Secret
    /// reference filled in from the test's world. Loopback ports for Kestrel.
    /// </summary>
    private Dictionary<string, string?> PodEnvironment(JsonObject container, int port, int metricsPort)
    {
        var secrets = new Dictionary<string, string?>
        {
            ["auth-secrets/master-key"] = _masterKey,
            ["auth-secrets/postgres-connection-string"] = _database,
            ["auth-secrets/redis-connection-string"] = Environment.GetEnvironmentVariable("AUTH_TEST_REDIS") is { Length: > 0 } redis ? redis : null,
        };
        var environment = new Dictionary<string, string?>(_manifests.Settings.ToDictionary(p => p.Key, p => (string?)p.Value), StringComparer.Ordinal);
        foreach (var env in RenderedManifests.Items(container["env"]))
        {
            var name = (string)env["name"]!;
            if (env["valueFrom"]?["secretKeyRef"] is JsonObject reference)
            {
                var value = secrets[$"{reference["name"]}/{reference["key"]}"];
                if (value is not null || (bool?)reference["optional"] != true)
                {
                    environment[name] = value ?? throw new InvalidOperationException($"No test value for {reference.ToJsonString()}.");
                }
            }
            else
            {
                environment[name] = (string?)env["value"];
            }
        }

        environment["Urls"] = $"http://127.0.0.1:{port}";
        environment["Metrics__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    private sealed record Started(Process Process, List<string> Output) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    private Started Start(JsonObject container, int port, int metricsPort) =>
        Start(PodEnvironment(container, port, metricsPort), RenderedManifestsArgs(container));

    private static string[] RenderedManifestsArgs(JsonObject container) =>
        container["args"] is JsonArray args ? args.Select(a => (string)a!).ToArray() : [];

    private Started Start(Dictionary<string, string?> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workingDirectory,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing of the test's environment but what runs dotnet: the pod's settings alone.
        var keep = new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" }
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => v.value is not null)
            .ToList();
        start.Environment.Clear();
        foreach (var (name, value) in keep)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new List<string>();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.Add(line.Data); } } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.Add(line.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Started(process, output);
    }

    private Task<(int ExitCode, string Output)> RunToEndAsync(JsonObject container, int port, int metricsPort) =>
        RunToEndAsync(PodEnvironment(container, port, metricsPort), RenderedManifestsArgs(container));

    private async Task<(int ExitCode, string Output)> RunToEndAsync(Dictionary<string, string?> environment, string[] args)
    {
        using var started = Start(environment, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await started.Process.WaitForExitAsync(timeout.Token);
        lock (started.Output)
        {
            return (started.Process.ExitCode, string.Join(Environment.NewLine, started.Output));
        }
    }

    private static async Task<HttpStatusCode?> WaitForAsync(HttpClient http, string path, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        return null;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
