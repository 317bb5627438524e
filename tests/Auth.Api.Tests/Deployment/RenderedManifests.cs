using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;
using YamlDotNet.RepresentationModel;

namespace Auth.Api.Tests.Deployment;

/// <summary>
/// What a kustomization under <c>deploy/kubernetes/</c> renders to, as the cluster would receive it:
/// <c>kubectl kustomize DIR</c>, each YAML document read into JSON nodes. No cluster is needed, and none validates
/// here: kubectl's client-side dry run downloads the API server's OpenAPI schema first (docs/deploying.md), so the
/// tests check what the API server and the service need themselves.
/// </summary>
public sealed class RenderedManifests
{
    private RenderedManifests(string directory, IReadOnlyList<JsonObject> objects)
    {
        Directory = directory;
        Objects = objects;
    }

    /// <summary>The kustomization's folder, relative to deploy/kubernetes.</summary>
    public string Directory { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public static string PathOf(string directory) => Path.Combine(Repository.Root, "deploy", "kubernetes", directory);

    public static RenderedManifests Render(string directory)
    {
        var (exitCode, output, error) = Kubectl("kustomize", PathOf(directory));
        if (exitCode != 0)
        {
            // Debian bookworm's kubernetes-client is kubectl 1.20, whose kustomize (v2.0.3) reads the base but not the
            // overlays (resources that are folders, replicas, patches).
            var version = Kubectl("version", "--client").Output;
            if (version.Contains("Minor:\"20\"", StringComparison.Ordinal) || version.Contains("v1.20.", StringComparison.Ordinal))
            {
                Assert.Ignore($"kubectl 1.20 (kustomize v2.0.3) cannot render {directory}; kubectl 1.21 or later can. {error.Trim()}");
            }

            Assert.Fail($"kubectl kustomize {directory} failed with exit code {exitCode}:{Environment.NewLine}{error}");
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(output));
        var objects = yaml.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>().ToList();
        return new RenderedManifests(directory, objects);
    }

    public IEnumerable<JsonObject> OfKind(string kind) =>
        Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Deployment => OfKind("Deployment").Single();

    public JsonObject PodSpec => Deployment["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject PodLabels => Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    public IEnumerable<JsonObject> InitContainers => Items(PodSpec["initContainers"]);

    public IEnumerable<JsonObject> Containers => Items(PodSpec["containers"]);

    public JsonObject ServerContainer => Containers.Single();

    public JsonObject MigrationContainer => InitContainers.Single(c => (string?)c["name"] == "migrate");

    /// <summary>The ConfigMap the server container takes its settings from, by its rendered (hashed) name.</summary>
    public IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var name = (string?)Items(ServerContainer["envFrom"]).Single()["configMapRef"]!["name"];
            var configMap = OfKind("ConfigMap").Single(c => (string?)c["metadata"]!["name"] == name);
            return configMap["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        }
    }

    public static IEnumerable<JsonObject> Items(JsonNode? array) =>
        array is JsonArray items ? items.OfType<JsonObject>() : [];

    /// <summary>Whether a label selector's matchLabels all hold in <paramref name="labels"/>.</summary>
    public static bool Selects(JsonNode? matchLabels, JsonObject labels) =>
        matchLabels is JsonObject wanted && wanted.Count > 0 &&
        wanted.All(p => labels[p.Key] is { } value && (string?)value == (string?)p.Value);

    /// <summary>A container port by name or number, as a probe's or a Service's targetPort names it.</summary>
    public static int? ContainerPort(JsonObject container, JsonNode? port)
    {
        var ports = Items(container["ports"]).ToList();
        if (port is JsonValue value && value.TryGetValue<string>(out var name))
        {
            return ports.Where(p => (string?)p["name"] == name).Select(p => (int?)p["containerPort"]!.GetValue<long>()).SingleOrDefault();
        }

        var number = port?.GetValue<long>();
        return ports.Any(p => p["containerPort"]!.GetValue<long>() == number) ? (int?)number : null;
    }

    public static (int ExitCode, string Output, string Error) Kubectl(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No cluster is ever asked: a kubeconfig that names none.
        start.Environment["KUBECONFIG"] = "/dev/null";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("kubectl is not installed (build/test.sh installs it): the Kubernetes manifest tests are skipped.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>YAML to JSON as the API server reads it: plain scalars that are booleans or integers become them.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(child =>
            KeyValuePair.Create(((YamlScalarNode)child.Key).Value!, ToJson(child.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
