using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A second node: the service's own executable in a separate process, on another loopback port, against the same
/// store and with the same issuer as a test server, as two instances behind one load balancer would be.
/// </summary>
public sealed class AuthProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AuthProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <param name="settings">Extra configuration (<c>RateLimiting:Enabled</c> style keys); rate limiting is off unless they turn it on.</param>
    public static async Task<AuthProcess> StartBesideAsync(AuthServer server, IDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var setting in server.Store.Settings())
        {
            start.Environment[setting.Key.Replace(":", "__", StringComparison.Ordinal)] = setting.Value;
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["OAuth__Issuer"] = server.BaseAddress.AbsoluteUri;
        start.Environment["Seed__File"] = Path.Combine(server.Store.DataDirectory, "seed.json");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimiting__Enabled"] = "false";
        foreach (var setting in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[setting.Key.Replace(":", "__", StringComparison.Ordinal)] = setting.Value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new AuthProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await node.Client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await node.DisposeAsync();
        throw new InvalidOperationException("The second node did not become healthy within 60 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
