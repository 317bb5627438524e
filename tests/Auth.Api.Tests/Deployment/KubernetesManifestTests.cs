using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests (deploy/kubernetes), rendered offline with <c>kubectl kustomize</c>: the base and each
/// overlay hold what docs/deploying.md and security rules 141 and 142 say they do. Each check reads the rendered
/// objects, so a typo in a field name fails it as surely as a wrong value.
/// </summary>
[TestFixture("base")]
[TestFixture("overlays/example")]
[TestFixture("overlays/cloudnative-pg")]
public sealed partial class KubernetesManifestTests(string directory)
{
    /// <summary>
    /// The keys of the Secret CloudNativePG generates for a cluster's application user (&lt;cluster&gt;-app), from the
    /// operator's source (pkg/specs/secrets.go, CreateSecret).
    /// </summary>
    private static readonly string[] CloudNativePgAppSecretKeys = ["username", "user", "password", "dbname", "host", "port", "pgpass", "uri", "jdbc-uri"];

    private RenderedManifests _manifests = null!;

    [OneTimeSetUp]
    public void Render() => _manifests = RenderedManifests.Render(directory);

    [Test]
    public void Every_container_runs_as_a_fixed_non_root_user_with_a_read_only_root_filesystem_no_privilege_escalation_and_no_capabilities()
    {
        var pod = _manifests.PodSpec;
        var podSecurity = pod["securityContext"] as JsonObject ?? [];
        var containers = _manifests.InitContainers.Concat(_manifests.Containers).ToList();
        Assert.That(containers, Has.Count.GreaterThanOrEqualTo(2), "the server and the migrate init container");
        Assert.Multiple(() =>
        {
            Assert.That((string?)podSecurity["seccompProfile"]?["type"], Is.EqualTo("RuntimeDefault"), "seccomp profile");
            Assert.That((bool?)pod["automountServiceAccountToken"], Is.False, "no service-account token in the pods");
            Assert.That((bool?)pod["hostNetwork"] ?? false, Is.False);
            Assert.That((bool?)pod["hostPID"] ?? false, Is.False);
            Assert.That(RenderedManifests.Items(pod["volumes"]).Where(v => v["hostPath"] is not null), Is.Empty, "no hostPath volume");
            foreach (var container in containers)
            {
                var name = (string?)container["name"];
                var security = container["securityContext"] as JsonObject ?? [];
                var runAsNonRoot = (bool?)security["runAsNonRoot"] ?? (bool?)podSecurity["runAsNonRoot"];
                var runAsUser = (long?)security["runAsUser"] ?? (long?)podSecurity["runAsUser"];
                Assert.That(runAsNonRoot, Is.True, $"{name}: runAsNonRoot");
                Assert.That(runAsUser, Is.Not.Null.And.GreaterThan(0), $"{name}: a fixed uid other than 0");
                Assert.That((bool?)security["readOnlyRootFilesystem"], Is.True, $"{name}: readOnlyRootFilesystem");
                Assert.That((bool?)security["allowPrivilegeEscalation"], Is.False, $"{name}: allowPrivilegeEscalation");
                Assert.That((bool?)security["privileged"] ?? false, Is.False, $"{name}: privileged");
                Assert.That(Strings(security["capabilities"]?["drop"]), Does.Contain("ALL"), $"{name}: capabilities dropped");
                Assert.That(Strings(security["capabilities"]?["add"]), Is.Empty, $"{name}: no capability added");
                Assert.That(container["resources"]?["requests"]?["memory"], Is.Not.Null, $"{name}: memory request");
                Assert.That(container["resources"]?["limits"]?["memory"], Is.Not.Null, $"{name}: memory limit");
                Assert.That(container["resources"]?["requests"]?["cpu"], Is.Not.Null, $"{name}: CPU request");
            }
        });
    }

    [Test]
    public void Liveness_startup_and_readiness_probe_the_health_endpoints_on_the_port_Kestrel_listens_on()
    {
        var server = _manifests.ServerContainer;
        var listening = new Uri(_manifests.Settings["Urls"].Replace("+", "0.0.0.0", StringComparison.Ordinal)).Port;
        Assert.Multiple(() =>
        {
            foreach (var (probe, path) in new[] { ("livenessProbe", "/health/live"), ("startupProbe", "/health/live"), ("readinessProbe", "/health/ready") })
            {
                var get = server[probe]?["httpGet"];
                Assert.That((string?)get?["path"], Is.EqualTo(path), probe);
                Assert.That(RenderedManifests.ContainerPort(server, get?["port"]), Is.EqualTo(listening), $"{probe}: the port of Urls ({listening})");
            }
        });
    }

    [Test]
    public void The_grace_period_covers_the_preStop_pause_and_Shutdown_Timeout()
    {
        var settings = _manifests.Settings;
        var shutdown = settings.TryGetValue("Shutdown__Timeout", out var configured)
            ? TimeSpan.Parse(configured, CultureInfo.InvariantCulture)
            : new Auth.Api.Startup.ShutdownOptions().Timeout;
        var pause = (long?)_manifests.ServerContainer["lifecycle"]?["preStop"]?["sleep"]?["seconds"];
        var grace = (long?)_manifests.PodSpec["terminationGracePeriodSeconds"];

        Assert.Multiple(() =>
        {
            Assert.That(settings.ContainsKey("Shutdown__Timeout"), Is.True, "Shutdown__Timeout is set in the ConfigMap, beside the grace period it must match");
            Assert.That(pause, Is.Not.Null.And.GreaterThan(0), "a preStop pause, so endpoints are removed before Kestrel stops listening");
            Assert.That(grace, Is.GreaterThan((pause ?? 0) + shutdown.TotalSeconds), $"terminationGracePeriodSeconds > preStop {pause} s + Shutdown:Timeout {shutdown.TotalSeconds} s");
        });
    }

    [Test]
    public void Two_replicas_or_more_spread_over_nodes_and_a_disruption_budget_keeps_one_serving()
    {
        var deployment = _manifests.Deployment;
        var labels = _manifests.PodLabels;
        var budgets = _manifests.OfKind("PodDisruptionBudget").ToList();
        var spread = RenderedManifests.Items(_manifests.PodSpec["topologySpreadConstraints"])
            .Where(c => (string?)c["topologyKey"] == "kubernetes.io/hostname").ToList();

        Assert.Multiple(() =>
        {
            Assert.That((long?)deployment["spec"]!["replicas"], Is.GreaterThanOrEqualTo(2));
            Assert.That(RenderedManifests.Selects(deployment["spec"]!["selector"]!["matchLabels"], labels), Is.True, "the Deployment's selector matches its pods");
            Assert.That((long?)deployment["spec"]!["strategy"]?["rollingUpdate"]?["maxUnavailable"], Is.EqualTo(0), "a rollout never has fewer pods serving");
            Assert.That(budgets, Has.Count.EqualTo(1));
            Assert.That(budgets.Select(b => RenderedManifests.Selects(b["spec"]!["selector"]!["matchLabels"], labels)), Is.All.True, "the budget selects the Deployment's pods");
            Assert.That(budgets.Select(b => (long?)b["spec"]!["minAvailable"]), Is.All.GreaterThanOrEqualTo(1));
            Assert.That(spread, Has.Count.EqualTo(1), "spread over nodes");
            Assert.That(spread.Select(c => RenderedManifests.Selects(c["labelSelector"]?["matchLabels"], labels)), Is.All.True, "the spread counts the Deployment's pods");
        });
    }

    [Test]
    public void Every_secret_reference_names_a_key_the_documentation_tells_operators_to_create()
    {
        var documented = DocumentedSecretKeys();
        var references = _manifests.InitContainers.Concat(_manifests.Containers)
            .SelectMany(c => RenderedManifests.Items(c["env"]))
            .Select(e => e["valueFrom"]?["secretKeyRef"])
            .OfType<JsonObject>()
            .Select(r => ((string)r["name"]!, (string)r["key"]!))
            .Distinct()
            .ToList();
        var server = _manifests.ServerContainer;
        var masterKey = RenderedManifests.Items(server["env"]).SingleOrDefault(e => (string?)e["name"] == "Security__MasterKey");

        Assert.Multiple(() =>
        {
            Assert.That(references, Is.Not.Empty);
            foreach (var (secret, key) in references)
            {
                Assert.That(documented.TryGetValue(secret, out var keys) && keys.Contains(key), Is.True,
                    $"secret {secret}, key {key}: docs/deploying.md names {string.Join("; ", documented.Select(d => $"{d.Key}: {string.Join(", ", d.Value)}"))}");
            }

            Assert.That((string?)masterKey?["valueFrom"]?["secretKeyRef"]?["name"], Is.Not.Null, "the master key comes from a Secret");
            Assert.That(references.Any(r => r.Item1 == "auth-secrets" && r.Item2 == "redis-connection-string"), Is.True, "Redis from the Secret");
        });
    }

    [Test]
    public void No_secret_value_is_in_the_manifests()
    {
        var secretSettings = new[] { "Security__MasterKey", "Security__MasterKeyFile", "RateLimiting__Redis", "Smtp__Password" };
        Assert.Multiple(() =>
        {
            Assert.That(_manifests.OfKind("Secret").Where(s => s["data"] is not null || s["stringData"] is not null).Select(s => (string?)s["metadata"]!["name"]),
                Is.Empty, "no Secret with data: operators create them (docs/deploying.md)");
            foreach (var configMap in _manifests.OfKind("ConfigMap"))
            {
                var data = configMap["data"]!.AsObject();
                Assert.That(data.Select(p => p.Key).Intersect(secretSettings), Is.Empty, "secret settings never in a ConfigMap");
                Assert.That(data.Where(p => PasswordInConnectionString().IsMatch((string?)p.Value ?? "")).Select(p => p.Key), Is.Empty, "no password in a ConfigMap");
            }

            foreach (var env in _manifests.InitContainers.Concat(_manifests.Containers).SelectMany(c => RenderedManifests.Items(c["env"])))
            {
                var name = (string)env["name"]!;
                if (secretSettings.Contains(name) || name is "ConnectionStrings__Postgres" or "PGPASSWORD")
                {
                    Assert.That(env["value"], Is.Null, $"{name} is never a literal value");
                }
            }
        });
    }

    [Test]
    public void Every_setting_in_the_ConfigMap_is_one_the_service_documents()
    {
        var documented = DocumentedSettings();
        var settings = _manifests.Settings;
        Assert.Multiple(() =>
        {
            foreach (var key in settings.Keys)
            {
                // Environment names use "__" for ":", and list items end in their index (ForwardedHeaders__TrustedNetworks__0).
                var setting = ListIndex().Replace(key.Replace("__", ":", StringComparison.Ordinal), "");
                Assert.That(documented.Any(d => d.IsMatch(setting)), Is.True, $"{key} is not a setting in docs/configuration.md");
            }

            Assert.That(settings.GetValueOrDefault("Storage__MigrateOnStartup"), Is.EqualTo("false"), "the migrate init container migrates; the server refuses pending migrations");
            Assert.That(settings.GetValueOrDefault("OAuth__BehindTlsProxy"), Is.EqualTo("true"));
            Assert.That(settings.Keys.Where(k => k.StartsWith("ForwardedHeaders__Trusted", StringComparison.Ordinal)), Is.Not.Empty, "behind the ingress, a trusted proxy network");
            Assert.That(settings.Where(p => p.Key.Contains("Networks__", StringComparison.Ordinal)).Select(p => System.Net.IPNetwork.Parse(p.Value).PrefixLength),
                Is.All.GreaterThan(0), "a named network, never every address");
            Assert.That(settings.GetValueOrDefault("OAuth__Issuer"), Does.StartWith("https://").And.EndWith("/"));
            Assert.That(settings.GetValueOrDefault("Logging__Console__FormatterName"), Is.EqualTo("json"));
        });
    }

    [Test]
    public void The_migrate_init_container_runs_the_migrate_verb_on_the_servers_image_and_database()
    {
        var migrate = _manifests.MigrationContainer;
        var server = _manifests.ServerContainer;
        var verbs = Auth.Api.Cli.CommandLine.Create(new ServiceCollection().BuildServiceProvider()).Subcommands.Select(c => c.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Strings(migrate["args"]), Is.EqualTo(new[] { "migrate" }));
            Assert.That(verbs, Does.Contain("migrate"), "the executable has the verb");
            Assert.That(migrate["command"], Is.Null, "the image's entry point, as the server's");
            Assert.That(Strings(server["args"]), Is.Empty, "the server container runs the server");
            Assert.That((string?)migrate["image"], Is.EqualTo((string?)server["image"]));
            Assert.That(migrate["envFrom"]?.ToJsonString(), Is.EqualTo(server["envFrom"]?.ToJsonString()), "the same settings");
            foreach (var name in new[] { "ConnectionStrings__Postgres", "PGUSER", "PGPASSWORD" })
            {
                Assert.That(Env(migrate, name), Is.EqualTo(Env(server, name)), $"{name}: the same database as the server");
            }
        });
    }

    [Test]
    public void Services_reach_the_container_ports_and_the_routed_one_carries_no_metrics()
    {
        var server = _manifests.ServerContainer;
        var labels = _manifests.PodLabels;
        var settings = _manifests.Settings;
        var metricsPort = int.Parse(settings["Metrics__Port"], CultureInfo.InvariantCulture);
        var services = _manifests.OfKind("Service").ToList();
        var routed = _manifests.OfKind("Ingress")
            .SelectMany(i => RenderedManifests.Items(i["spec"]!["rules"]))
            .SelectMany(r => RenderedManifests.Items(r["http"]?["paths"]))
            .Select(p => p["backend"]!["service"]!)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(RenderedManifests.ContainerPort(server, JsonValue.Create("metrics")), Is.EqualTo(metricsPort), "the metrics container port is Metrics:Port");
            Assert.That(services.Select(s => (string?)s["metadata"]!["name"]), Is.SupersetOf(new[] { "auth", "auth-metrics" }));
            foreach (var service in services)
            {
                var name = (string?)service["metadata"]!["name"];
                Assert.That(RenderedManifests.Selects(service["spec"]!["selector"], labels), Is.True, $"{name} selects the pods");
                foreach (var port in RenderedManifests.Items(service["spec"]!["ports"]))
                {
                    Assert.That(RenderedManifests.ContainerPort(server, port["targetPort"]), Is.Not.Null, $"{name}: targetPort {port["targetPort"]} is a container port");
                }
            }

            var main = services.Single(s => (string?)s["metadata"]!["name"] == "auth");
            Assert.That(RenderedManifests.Items(main["spec"]!["ports"]).Select(p => RenderedManifests.ContainerPort(server, p["targetPort"])), Has.None.EqualTo(metricsPort),
                "the Service an Ingress routes to has no metrics port");
            foreach (var backend in routed)
            {
                var service = services.SingleOrDefault(s => (string?)s["metadata"]!["name"] == (string?)backend["name"]);
                Assert.That(service, Is.Not.Null, $"the Ingress routes to Service {backend["name"]}");
                Assert.That(RenderedManifests.Items(service?["spec"]?["ports"]).Any(p => (string?)p["name"] == (string?)backend["port"]?["name"]), Is.True,
                    $"the Ingress names port {backend["port"]} of {backend["name"]}");
                Assert.That((string?)backend["name"], Is.Not.EqualTo("auth-metrics"));
            }
        });
    }

    [Test]
    public void An_Ingress_serves_the_issuers_host_with_TLS()
    {
        var ingresses = _manifests.OfKind("Ingress").ToList();
        if (ingresses.Count == 0)
        {
            Assert.Pass("No Ingress here (the base leaves it to an overlay).");
        }

        var issuer = new Uri(_manifests.Settings["OAuth__Issuer"]);
        Assert.Multiple(() =>
        {
            foreach (var ingress in ingresses)
            {
                var rules = RenderedManifests.Items(ingress["spec"]!["rules"]).Select(r => (string?)r["host"]).ToList();
                var tls = RenderedManifests.Items(ingress["spec"]!["tls"]).SelectMany(t => Strings(t["hosts"])).ToList();
                Assert.That(rules, Is.Not.Empty.And.All.EqualTo(issuer.Host), "the Ingress routes the issuer's host");
                Assert.That(tls, Does.Contain(issuer.Host), "with a certificate for it");
            }
        });
    }

    [Test]
    public void With_an_Ingress_a_NetworkPolicy_admits_only_the_ingress_controller_to_http_and_the_scraper_to_metrics()
    {
        if (!_manifests.OfKind("Ingress").Any())
        {
            Assert.Pass("No Ingress here: who reaches the pods is the overlay's choice.");
        }

        // Rule 142: ForwardedHeaders:TrustedNetworks is the pod network, so a pod that reached the HTTP port directly
        // could say who the client is; every pod the Deployment runs must be behind a policy that admits the controller.
        var labels = _manifests.Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var policies = _manifests.OfKind("NetworkPolicy")
            .Where(p => p["spec"]!["podSelector"]!["matchLabels"]!.AsObject().All(l => (string?)labels[l.Key] == (string?)l.Value))
            .ToList();
        Assert.That(policies, Has.Count.EqualTo(1), "one NetworkPolicy selects the server's pods");
        var policy = policies[0]["spec"]!;
        var rules = RenderedManifests.Items(policy["ingress"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Strings(policy["policyTypes"]), Does.Contain("Ingress"));
            Assert.That(rules, Has.Count.EqualTo(2), "one rule per port");
            foreach (var rule in rules)
            {
                var sources = RenderedManifests.Items(rule["from"]).ToList();
                Assert.That(sources, Is.Not.Empty, "a rule without 'from' admits every source");
                Assert.That(sources.All(f => f["namespaceSelector"]?["matchLabels"] is JsonObject { Count: > 0 } && f["ipBlock"] is null), Is.True,
                    "sources are named namespaces, never address blocks");
                Assert.That(RenderedManifests.Items(rule["ports"]).Count(), Is.EqualTo(1), "each rule opens one port");
            }

            var ports = rules.SelectMany(r => RenderedManifests.Items(r["ports"])).Select(p => p["port"]!.ToString()).ToList();
            Assert.That(ports, Is.EquivalentTo(new[] { "http", "metrics" }));
            var httpFrom = rules.Single(r => RenderedManifests.Items(r["ports"]).Any(p => p["port"]!.ToString() == "http"))["from"]!.ToJsonString();
            var metricsFrom = rules.Single(r => RenderedManifests.Items(r["ports"]).Any(p => p["port"]!.ToString() == "metrics"))["from"]!.ToJsonString();
            Assert.That(httpFrom, Is.Not.EqualTo(metricsFrom), "the scraper's namespace does not reach the HTTP port, nor the controller's the metrics");
        });
    }

    [Test]
    public void An_overlay_with_CloudNativePG_connects_to_its_cluster_with_the_operators_credentials()
    {
        var clusters = _manifests.Objects.Where(o => (string?)o["apiVersion"] == "postgresql.cnpg.io/v1" && (string?)o["kind"] == "Cluster").ToList();
        if (clusters.Count == 0)
        {
            Assert.That(Env(_manifests.ServerContainer, "ConnectionStrings__Postgres"), Does.Contain("auth-secrets"), "without CloudNativePG, the connection string is in auth-secrets");
            return;
        }

        var cluster = clusters.Single();
        var name = (string)cluster["metadata"]!["name"]!;
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(_manifests.Settings["ConnectionStrings__Postgres"]);
        Assert.Multiple(() =>
        {
            Assert.That(connection.Host, Is.EqualTo($"{name}-rw"), "the operator's Service for the primary");
            Assert.That(connection.Database, Is.EqualTo((string?)cluster["spec"]!["bootstrap"]!["initdb"]!["database"]));
            Assert.That((string?)cluster["spec"]!["bootstrap"]!["initdb"]!["localeCType"], Does.EndWith("UTF-8"), "the operator's default C folds ASCII letters only");
            Assert.That(connection.Password, Is.Null);
            Assert.That(connection.Username, Is.Null, "the user name comes from PGUSER");
            foreach (var container in _manifests.InitContainers.Concat(_manifests.Containers))
            {
                Assert.That(Env(container, "PGUSER"), Is.EqualTo($"secret {name}-app/username"), (string?)container["name"]);
                Assert.That(Env(container, "PGPASSWORD"), Is.EqualTo($"secret {name}-app/password"), (string?)container["name"]);
                Assert.That(Env(container, "ConnectionStrings__Postgres"), Is.Null, "from the ConfigMap, not a Secret");
            }
        });
    }

    /// <summary>
    /// The Secrets and keys docs/deploying.md tells an operator to create (its <c>kubectl [-n NAMESPACE] create secret generic NAME</c>
    /// commands, their <c>--from-literal=KEY=</c> and <c>--from-file=KEY=</c>), and those CloudNativePG generates.
    /// </summary>
    private static Dictionary<string, HashSet<string>> DocumentedSecretKeys()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "deploying.md"));
        var secrets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Match command in CreateSecretCommand().Matches(doc))
        {
            var keys = secrets.TryGetValue(command.Groups["name"].Value, out var known) ? known : secrets[command.Groups["name"].Value] = [];
            keys.UnionWith(SecretKeyArgument().Matches(command.Value).Select(m => m.Groups["key"].Value));
        }

        foreach (var cluster in CloudNativePgSecret().Matches(doc).Select(m => m.Groups["name"].Value))
        {
            secrets[cluster] = [.. CloudNativePgAppSecretKeys.Where(key => doc.Contains($"`{key}`", StringComparison.Ordinal))];
        }

        return secrets;
    }

    /// <summary>The keys of the table in docs/configuration.md, as patterns ({id} one segment, * the rest), plus Urls.</summary>
    private static List<Regex> DocumentedSettings() =>
        File.ReadAllLines(Path.Combine(Repository.Root, "docs", "configuration.md"))
            .Select(line => SettingRow().Match(line))
            .Where(m => m.Success)
            .Select(m => new Regex(
                "^" + Regex.Escape(m.Groups["key"].Value).Replace(@"\{", "{", StringComparison.Ordinal).Replace(@"\*", ".+", StringComparison.Ordinal)
                    .Replace("{id}", "[^:]+", StringComparison.Ordinal).Replace("{member}", "[^:]+", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .ToList();

    /// <summary>Where an environment variable comes from: "value X", "secret NAME/KEY", or null when not set.</summary>
    private static string? Env(JsonObject container, string name)
    {
        var env = RenderedManifests.Items(container["env"]).SingleOrDefault(e => (string?)e["name"] == name);
        return env switch
        {
            null => null,
            _ when env["valueFrom"]?["secretKeyRef"] is JsonObject reference => $"secret {reference["name"]}/{reference["key"]}",
            _ => $"value {env["value"]}",
        };
    }

    private static List<string> Strings(JsonNode? array) =>
        array is JsonArray items ? items.Select(i => (string)i!).ToList() : [];

    [GeneratedRegex(@"kubectl (?:-n [a-z0-9-]+ )?create secret generic (?<name>[a-z0-9-]+)(?:[^\n]*\\\n)*[^\n]*")]
    private static partial Regex CreateSecretCommand();

    [GeneratedRegex(@"--from-(?:literal|file)=(?<key>[A-Za-z0-9._-]+)=")]
    private static partial Regex SecretKeyArgument();

    [GeneratedRegex(@"CloudNativePG\s+generates\s+`(?<name>[a-z0-9-]+-app)`")]
    private static partial Regex CloudNativePgSecret();

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \|")]
    private static partial Regex SettingRow();

    [GeneratedRegex(@"(?::\d+)+$")]
    private static partial Regex ListIndex();

    [GeneratedRegex(@"(?i)(?:^|;)\s*password\s*=")]
    private static partial Regex PasswordInConnectionString();
}
