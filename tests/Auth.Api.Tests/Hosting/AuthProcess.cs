using System.Collections.Concurrent;
using System.Diagnostics;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A node: the service's own executable in a separate process, on a loopback port of its own, against a test store
/// and with a shared issuer, as several instances behind one load balancer would be. A test can kill it (SIGKILL),
/// stop it as a supervisor would (SIGTERM), and start it again on the same port.
/// </summary>
public sealed class AuthProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _allOutput = new();
    private Process? _process;

    private AuthProcess(ProcessStartInfo start, Uri baseAddress)
    {
        _start = start;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public int ProcessId => Running.Id;

    public bool HasExited => Running.HasExited;

    public int ExitCode => Running.ExitCode;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Every line the process wrote to standard output and standard error (the first 20,000), in order.</summary>
    public IReadOnlyList<string> Output => [.. _allOutput];

    private Process Running => _process ?? throw new InvalidOperationException("The node was never started.");

    /// <summary>A node beside a test server: the same store, issuer and seed file.</summary>
    public static Task<AuthProcess> StartBesideAsync(AuthServer server, IDictionary<string, string?>? settings = null) =>
        StartAsync(server.Store, server.BaseAddress, settings);

    /// <summary>A node on a store; its issuer is the given one, or else its own address.</summary>
    public static async Task<AuthProcess> StartAsync(TestStore store, Uri? issuer = null, IDictionary<string, string?>? settings = null)
    {
        var port = LoopbackPorts.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var seedFile = Path.Combine(store.DataDirectory, "seed.json");
        if (!File.Exists(seedFile))
        {
            TestSeed.WriteTo(store.DataDirectory);
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        var all = new Dictionary<string, string?>
        {
            ["Urls"] = baseAddress.GetLeftPart(UriPartial.Authority),
            ["OAuth:Issuer"] = (issuer ?? baseAddress).AbsoluteUri,
            ["Seed:File"] = seedFile,
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimiting:Enabled"] = "false",
        };
        foreach (var setting in store.Settings().Concat(FastKeyRotation.Settings()).Concat(settings ?? new Dictionary<string, string?>()))
        {
            all[setting.Key] = setting.Value;
        }

        foreach (var setting in all)
        {
            start.Environment[setting.Key.Replace(":", "__", StringComparison.Ordinal)] = setting.Value;
        }

        // A node runs as the service ships (W^X on, security rule 144), whatever the test process's environment says.
        start.Environment.Remove("DOTNET_EnableWriteXorExecute");
        start.Environment.Remove("COMPlus_EnableWriteXorExecute");

        var node = new AuthProcess(start, baseAddress);
        await node.LaunchAsync();
        return node;
    }

    /// <summary>Starts the node again on the same port with the same settings, once the previous process has ended.</summary>
    public async Task RestartAsync()
    {
        if (!Running.HasExited)
        {
            throw new InvalidOperationException("The node is still running.");
        }

        Running.Dispose();
        await LaunchAsync();
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to finish anything.</summary>
    public void Kill()
    {
        Running.Kill();
        Running.WaitForExit();
    }

    /// <summary>SIGTERM, as a supervisor stops a service (systemd, Kubernetes, docker stop).</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {Running.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>Waits for the process to end; false when it is still running after the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await Running.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Stops the node the way a supervisor does and checks it ends cleanly.</summary>
    public async Task StopAsync()
    {
        await TerminateAsync();
        Assert.That(await WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.True, $"node {BaseAddress} did not exit after SIGTERM");
        Assert.That(ExitCode, Is.EqualTo(0), $"node {BaseAddress} exit code after SIGTERM. Output:{Environment.NewLine}{RecentOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task LaunchAsync()
    {
        var process = Process.Start(_start)!;
        _process = process;
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await Client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        throw new InvalidOperationException($"The node at {BaseAddress} did not become healthy within 60 seconds. Output:{Environment.NewLine}{RecentOutput}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (_allOutput.Count < 20_000)
        {
            _allOutput.Enqueue(line);
        }

        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
