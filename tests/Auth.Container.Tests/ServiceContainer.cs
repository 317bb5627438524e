using System.Globalization;
using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Container.Tests;

/// <summary>
/// One container of the image, on the host's network (the test PostgreSQL and Redis listen on loopback), listening on
/// a free loopback port of its own, with a read-only root filesystem and nothing writable unless a volume is given:
/// not even the tmpfs podman mounts on /tmp by default, which a Kubernetes pod would not have either.
/// </summary>
public sealed class ServiceContainer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);

    private ServiceContainer(string name, Uri baseAddress)
    {
        Name = name;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts a container and returns once <c>/health/ready</c> answers 200 (or fails with the container's log).</summary>
    /// <param name="settings">Environment variables, on top of the image's.</param>
    /// <param name="podmanOptions">More <c>podman run</c> options (a volume, a mounted seed file).</param>
    public static async Task<ServiceContainer> StartAsync(string image, IReadOnlyDictionary<string, string> settings, params string[] podmanOptions)
    {
        var port = LoopbackPorts.Next();
        var name = "auth-test-" + Guid.NewGuid().ToString("N")[..12];
        var container = new ServiceContainer(name, new Uri($"http://127.0.0.1:{port}/"));
        List<string> arguments = ["run", "--detach", "--name", name, "--network", "host", "--read-only", "--read-only-tmpfs=false"];
        arguments.AddRange(podmanOptions);
        var environment = new Dictionary<string, string>(settings) { ["Urls"] = $"http://127.0.0.1:{port}" };
        foreach (var (key, value) in environment)
        {
            arguments.AddRange(["--env", $"{key}={value}"]);
        }

        arguments.Add(image);
        var (exitCode, _, error) = await Podman.RunAsync([.. arguments]);
        if (exitCode != 0)
        {
            await container.DisposeAsync();
            throw new InvalidOperationException($"podman run exited with {exitCode}: {error}");
        }

        using var http = new HttpClient { BaseAddress = container.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            ReadyWithin);
        if (!ready)
        {
            var log = await container.LogAsync();
            await container.DisposeAsync();
            Assert.Fail($"The container {name} did not answer /health/ready within {ReadyWithin.TotalSeconds} s. Its log:{Environment.NewLine}{log}");
        }

        return container;
    }

    public async Task<string> LogAsync()
    {
        var (_, output, error) = await Podman.RunAsync("logs", "--tail", "60", Name);
        return output + Environment.NewLine + error;
    }

    /// <summary>The container's main process on this machine (its pid 1).</summary>
    public async Task<int> HostPidAsync() =>
        int.Parse(await Podman.OutputAsync("inspect", "--format", "{{.State.Pid}}", Name), CultureInfo.InvariantCulture);

    public Task<string> InspectAsync(string format) => Podman.OutputAsync("inspect", "--format", format, Name);

    /// <summary>Sends SIGTERM, as <c>podman stop</c>, <c>docker stop</c> and Kubernetes do.</summary>
    public Task TerminateAsync() => Podman.OutputAsync("kill", "--signal", "TERM", Name);

    /// <summary>Waits for the container to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync() =>
        int.Parse(await Podman.OutputAsync("wait", Name), CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await Podman.RunAsync("rm", "--force", "--time", "0", Name);
}
