using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Debian's nginx (package <c>nginx</c>, which build/test.sh installs) as a TLS-terminating reverse proxy in front of
/// a test server: HTTPS on a loopback port with a <see cref="TestCertificate"/>, plain HTTP to the upstream, and the
/// X-Forwarded-For and X-Forwarded-Proto headers a production proxy sets. It runs as the current user in a single
/// process (no master, no daemon) with its configuration, pid, logs and temp files in a folder of its own, so killing
/// that one process stops it.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/sbin/nginx";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();

    private NginxProxy(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    /// <summary>https://127.0.0.1:port/</summary>
    public Uri Address { get; }

    /// <summary>What nginx wrote to its error log, for failure messages.</summary>
    public string ErrorLog => File.Exists(ErrorLogFile(_directory)) ? File.ReadAllText(ErrorLogFile(_directory)) : string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts nginx on <paramref name="port"/> forwarding to <paramref name="upstream"/>, and returns once it answers
    /// through to the upstream. With <paramref name="upstreamSource"/>, nginx connects to the upstream from that
    /// address (another loopback address), so the upstream can tell the proxy from a client on 127.0.0.1.
    /// </summary>
    public static async Task<NginxProxy> StartAsync(int port, Uri upstream, TestCertificate certificate, IPAddress? upstreamSource = null)
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"{ExecutablePath} is missing: install Debian's 'nginx' package (build/test.sh does).");
        }

        var directory = Directory.CreateTempSubdirectory("auth-nginx-").FullName;
        certificate.WritePem(Path.Combine(directory, "certificate.pem"), Path.Combine(directory, "key.pem"));
        var configuration = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(directory, port, upstream, upstreamSource));

        var start = new ProcessStartInfo(ExecutablePath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", directory + "/", "-c", configuration, "-e", ErrorLogFile(directory) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var proxy = new NginxProxy(process, directory, new Uri($"https://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) => proxy.Remember(line.Data);
        process.ErrorDataReceived += (_, line) => proxy.Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await proxy.WaitUntilAnsweringAsync(certificate);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private static string ErrorLogFile(string directory) => Path.Combine(directory, "error.log");

    private static string Configuration(string directory, int port, Uri upstream, IPAddress? upstreamSource) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{ErrorLogFile(directory)}} warn;
            events { worker_connections 256; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{directory}}/certificate.pem;
                    ssl_certificate_key {{directory}}/key.pem;
                    location / {
                        proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                        {{(upstreamSource is null ? string.Empty : $"proxy_bind {upstreamSource};")}}
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        # Sign-in responses carry several cookies; nginx's 4 KiB default header buffer is too small.
                        proxy_buffer_size 16k;
                        proxy_buffers 8 16k;
                    }
                }
            }
            """);

    /// <summary>Until nginx answers an HTTPS request with what the upstream says (any status but a gateway error).</summary>
    private async Task WaitUntilAnsweringAsync(TestCertificate certificate)
    {
        using var client = new HttpClient(certificate.CreateHandler()) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var answered = await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                return true;
            }

            try
            {
                using var response = await client.GetAsync("/health/live");
                return (int)response.StatusCode is not (502 or 503 or 504);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, StartLimit);
        if (!answered || _process.HasExited)
        {
            throw new InvalidOperationException($"nginx did not answer on {Address} within {StartLimit.TotalSeconds} s. Its log:{Environment.NewLine}{ErrorLog}");
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
