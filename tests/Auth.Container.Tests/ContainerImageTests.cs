using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Container.Tests;

/// <summary>
/// The image build/image.sh builds, run as a platform runs it: two containers sharing the test PostgreSQL, Redis and
/// one master key form a cluster, and a SQLite container keeps its store on a volume; every container has a read-only
/// root filesystem and nothing else writable. Uses samples/seed.json (billing-service gets tokens for orders-api).
/// </summary>
[NonParallelizable]
[SupportedOSPlatform("linux")]
public sealed class ContainerImageTests
{
    private const string SeedInContainer = "/seed/seed.json";
    private const string AppUid = "10001";
    private static readonly string Seed = Path.Combine(Repository.Root, "samples", "seed.json");
    private static readonly (string Id, string Secret) Billing = ("billing-service", "billing-service-secret-change-me");
    private static readonly (string Id, string Secret) OrdersApi = ("orders-api", "orders-api-secret-change-me");

    private readonly List<IAsyncDisposable> _cleanup = [];
    private string _image = "";
    private string _masterKey = "";
    private Dictionary<string, string> _cluster = [];
    private ServiceContainer _nodeA = null!;
    private ServiceContainer _nodeB = null!;
    private ServiceContainer _sqlite = null!;
    private string _volume = "";

    [OneTimeSetUp]
    public async Task StartContainers()
    {
        _image = await Podman.RequireImageAsync();
        var database = await PrivateDatabase.CreateAsync();
        _cleanup.Add(database);
        _masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _cluster = new Dictionary<string, string>
        {
            // The address clients use, as a load balancer in front of both nodes would have it.
            ["OAuth__Issuer"] = "http://127.0.0.1/",
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Security__MasterKey"] = _masterKey,
            ["Seed__File"] = SeedInContainer,
        };
        if (Environment.GetEnvironmentVariable("AUTH_TEST_REDIS") is { Length: > 0 } redis)
        {
            _cluster["RateLimiting__Redis"] = redis;
        }

        _nodeA = await StartAsync(_cluster);
        _nodeB = await StartAsync(_cluster);

        _volume = "auth-test-" + Guid.NewGuid().ToString("N")[..12];
        await Podman.OutputAsync("volume", "create", _volume);
        _cleanup.Add(new Volume(_volume));
        _sqlite = await StartAsync(new Dictionary<string, string> { ["OAuth__Issuer"] = "http://127.0.0.1/", ["Seed__File"] = SeedInContainer }, "--volume", $"{_volume}:/data");
    }

    [OneTimeTearDown]
    public async Task RemoveContainers()
    {
        // Containers first (they hold the database and the volume), newest first.
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            await _cleanup[i].DisposeAsync();
        }
    }

    [Test]
    public async Task A_token_issued_by_one_container_is_active_at_introspection_on_the_other()
    {
        using var a = new HttpClient { BaseAddress = _nodeA.BaseAddress };
        using var b = new HttpClient { BaseAddress = _nodeB.BaseAddress };

        var token = await ClientCredentialsTokenAsync(a);
        using var introspection = new HttpRequestMessage(HttpMethod.Post, "oauth/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        introspection.Headers.Authorization = Basic(OrdersApi);
        using var response = await b.SendAsync(introspection);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("active").GetBoolean(), Is.True, body);
            Assert.That(json.RootElement.GetProperty("client_id").GetString(), Is.EqualTo(Billing.Id));
        });
    }

    [Test]
    public async Task Every_container_runs_the_service_as_the_unprivileged_user_10001()
    {
        foreach (var container in new[] { _nodeA, _nodeB, _sqlite })
        {
            var status = await File.ReadAllLinesAsync($"/proc/{await container.HostPidAsync()}/status");
            var ids = status.Where(line => line.StartsWith("Uid:", StringComparison.Ordinal) || line.StartsWith("Gid:", StringComparison.Ordinal))
                .SelectMany(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1)).ToList();
            var top = await Podman.OutputAsync("top", container.Name, "user", "comm");
            Assert.Multiple(() =>
            {
                // Real, effective, saved and file-system ids, of the user and of its group.
                Assert.That(ids, Has.Count.EqualTo(8).And.All.EqualTo(AppUid), string.Join(", ", status.Take(10)));
                Assert.That(top, Does.Contain("auth").And.Contain("Auth.Api").And.Not.Contain("root"), top);
            });
        }

        Assert.That(await Podman.OutputAsync("image", "inspect", "--format", "{{.Config.User}}", _image), Is.EqualTo($"{AppUid}:{AppUid}"));
    }

    [Test]
    public async Task The_root_filesystem_is_read_only_and_only_a_mounted_data_volume_is_written()
    {
        foreach (var container in new[] { _nodeA, _nodeB, _sqlite })
        {
            var root = (await File.ReadAllLinesAsync($"/proc/{await container.HostPidAsync()}/mountinfo"))
                .Select(line => line.Split(' ')).First(fields => fields[4] == "/");
            var changed = (await Podman.OutputAsync("diff", container.Name)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Multiple(async () =>
            {
                Assert.That(await container.InspectAsync("{{.HostConfig.ReadonlyRootfs}}"), Is.EqualTo("true"), container.Name);
                Assert.That(root[5].Split(','), Does.Contain("ro"), "the service's / is mounted read-only");

                // Nothing changed in the container's own filesystem but the mount points podman made (/etc/hosts and
                // /etc/resolv.conf, the seed file): with PostgreSQL and the master key given, nothing is written at all.
                Assert.That(changed, Is.SubsetOf(new[] { "C /etc", "A /seed", "A /seed/seed.json" }), container.Name);
            });
        }

        // The SQLite container kept its database and generated master key on its volume, owned by the service's user.
        var mountpoint = await Podman.OutputAsync("volume", "inspect", "--format", "{{.Mountpoint}}", _volume);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(mountpoint, "auth.db")), Is.True, "the SQLite database is on the volume");
            Assert.That(File.Exists(Path.Combine(mountpoint, "master.key")), Is.True, "the generated master key is on the volume");
            Assert.That(File.GetUnixFileMode(Path.Combine(mountpoint, "master.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
        using var http = new HttpClient { BaseAddress = _sqlite.BaseAddress };
        using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
        Assert.That(await ClientCredentialsTokenAsync(http), Is.Not.Empty, "the SQLite container serves tokens from its volume's store");
    }

    [Test]
    public async Task On_SIGTERM_a_request_in_flight_finishes_and_the_container_exits_0()
    {
        await using var node = await StartAsync(new Dictionary<string, string>(_cluster) { ["Shutdown__Timeout"] = "00:00:20" });
        using var http = HeldBackContent.Client(node.BaseAddress);
        var body = new HeldBackContent("grant_type=client_credentials&scope=", "orders.read");
        var response = SendHeldAsync(http, body);
        await body.Started.WaitAsync(TimeSpan.FromSeconds(20));

        await node.TerminateAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stillRunning = await node.InspectAsync("{{.State.Running}}");
        body.Release();
        var (status, text) = await response.WaitAsync(TimeSpan.FromSeconds(30));
        var exitCode = await node.WaitForExitAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(stillRunning, Is.EqualTo("true"), "the container waits for the request in flight");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(text, Does.Contain("access_token"));
            Assert.That(exitCode, Is.EqualTo(0), await node.LogAsync());
        });
    }

    [Test]
    public async Task The_image_health_check_runs_the_service_s_healthcheck_verb_and_reports_healthy()
    {
        var check = await Podman.OutputAsync("image", "inspect", "--format", "{{json .Config.Healthcheck.Test}}", _image);
        var (exitCode, output, error) = await Podman.RunAsync("healthcheck", "run", _nodeA.Name);

        Assert.Multiple(async () =>
        {
            Assert.That(check, Is.EqualTo("""["CMD","/app/Auth.Api","healthcheck"]"""));
            Assert.That(exitCode, Is.EqualTo(0), output + error);
            Assert.That(await _nodeA.InspectAsync("{{.State.Health.Status}}"), Is.EqualTo("healthy"));
        });
    }

    [Test]
    public async Task The_image_carries_the_OCI_labels_the_version_and_one_exposed_port()
    {
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await Podman.OutputAsync("image", "inspect", "--format", "{{json .Config.Labels}}", _image))!;
        var ports = await Podman.OutputAsync("image", "inspect", "--format", "{{json .Config.ExposedPorts}}", _image);
        // The tests are built from the same Directory.Build.props as the service: its version is theirs.
        var version = typeof(ContainerImageTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

        Assert.Multiple(() =>
        {
            Assert.That(labels.GetValueOrDefault("org.opencontainers.image.version"), Is.EqualTo(version));
            Assert.That(labels.GetValueOrDefault("org.opencontainers.image.title"), Is.EqualTo("auth"));
            Assert.That(labels.GetValueOrDefault("org.opencontainers.image.licenses"), Is.Not.Empty);
            Assert.That(labels, Does.ContainKey("org.opencontainers.image.source"));
            Assert.That(labels.GetValueOrDefault("org.opencontainers.image.revision"), Does.Match("^[0-9a-f]{40}$|^$"));
            Assert.That(ports, Is.EqualTo("""{"8080/tcp":{}}"""));
        });
    }

    [Test]
    public async Task The_image_holds_no_master_key_store_or_secret_given_to_its_containers()
    {
        var archive = Path.Combine(Path.GetTempPath(), $"auth-image-{Guid.NewGuid():N}.tar");
        try
        {
            await Podman.OutputAsync("save", "--format", "docker-archive", "--output", archive, _image);
            var secrets = new[] { _masterKey, Billing.Secret, new Npgsql.NpgsqlConnectionStringBuilder(_cluster["ConnectionStrings__Postgres"]).Database! }
                .Select(Encoding.UTF8.GetBytes).ToList();
            var (files, data, found) = await ScanAsync(archive, secrets);
            var environment = await Podman.OutputAsync("image", "inspect", "--format", "{{json .Config.Env}}", _image);

            Assert.Multiple(() =>
            {
                Assert.That(files, Is.GreaterThan(100), "the layers were read");
                Assert.That(data, Is.EquivalentTo(new[] { "data/" }), "/data is empty in the image");
                Assert.That(found, Is.Empty, "no file of the image holds a secret its containers were given");
                Assert.That(environment, Does.Not.Contain("MasterKey").And.Not.Contain("ConnectionStrings").And.Not.Contain("Password"));
            });
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private async Task<ServiceContainer> StartAsync(Dictionary<string, string> settings, params string[] podmanOptions)
    {
        var container = await ServiceContainer.StartAsync(_image, settings, ["--volume", $"{Seed}:{SeedInContainer}:ro", .. podmanOptions]);
        _cleanup.Add(container);
        return container;
    }

    private static async Task<string> ClientCredentialsTokenAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "orders.read" }),
        };
        request.Headers.Authorization = Basic(Billing);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<(HttpStatusCode? Status, string Body)> SendHeldAsync(HttpClient http, HeldBackContent body)
    {
        try
        {
            using var request = HeldBackContent.Post("/oauth/token", body);
            request.Headers.Authorization = Basic(Billing);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
    }

    private static AuthenticationHeaderValue Basic((string Id, string Secret) client) =>
        new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{Uri.EscapeDataString(client.Id)}:{Uri.EscapeDataString(client.Secret)}")));

    /// <summary>Every file of every layer in a docker-archive: how many, which are under data/, which hold a secret.</summary>
    private static async Task<(int Files, List<string> Data, List<string> Found)> ScanAsync(string archive, List<byte[]> secrets)
    {
        int files = 0;
        List<string> data = [], found = [];
        await using var outer = new TarReader(File.OpenRead(archive));
        while (await outer.GetNextEntryAsync() is { } layer)
        {
            if (!layer.Name.EndsWith(".tar", StringComparison.Ordinal) || layer.DataStream is null)
            {
                continue;
            }

            await using var inner = new TarReader(layer.DataStream, leaveOpen: true);
            while (await inner.GetNextEntryAsync() is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                if (name.StartsWith("data/", StringComparison.Ordinal) || name == "data")
                {
                    data.Add(entry.EntryType == TarEntryType.Directory && !name.EndsWith('/') ? name + "/" : name);
                }

                if (entry.DataStream is null)
                {
                    continue;
                }

                files++;
                using var content = new MemoryStream();
                await entry.DataStream.CopyToAsync(content);
                var bytes = content.ToArray();
                found.AddRange(secrets.Where(secret => bytes.AsSpan().IndexOf(secret) >= 0).Select(_ => name));
            }
        }

        return (files, data, found);
    }

    private sealed class Volume(string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Podman.RunAsync("volume", "rm", "--force", name);
    }
}
