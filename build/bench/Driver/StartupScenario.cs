using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Auth.Bench;

/// <summary>
/// Scenario 8: milliseconds from process start to the first 200 from /health on an existing database, and the
/// resident memory once idle. The service's settings come from this process's environment (bench.sh exports them).
/// The same measurement of the trivial ASP.NET Core app (<c>--store framework --args "framework --url ..."</c>) is the
/// reference the start-up target is a multiple of. <c>--scenario startup_ephemeral --args --ephemeral</c> measures ephemeral
/// mode's start (issue #18): an in-memory store created and seeded at every start; with <c>--exe</c> instead of <c>--dll</c>,
/// a self-contained publish's executable (scenario 8c: the composite ReadyToRun publish docs/testing.md recommends).
/// <c>--env NAME=value</c> sets one variable in the measured process's environment alone (8d and 8e: W^X off).
/// The driver's own HTTP client is warmed up before the first clock starts, and until the port takes connections it
/// polls with a bare connect: on two cores, the driver's first-use JIT work and refused HTTP requests every 2 ms took
/// CPU from the start it measured (≈ 0.1–0.25 s on an ephemeral start; docs/performance.md).
/// </summary>
internal static class StartupScenario
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = new Uri(args.Text("url"));
        var runs = args.Int("runs", 3);
        var idleSeconds = args.Double("idle", 3);
        var extraArguments = (args.Optional("args") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var childVariable = args.Optional("env")?.Split('=', 2);
        if (childVariable is not (null or [_, _]))
        {
            throw new ArgumentException("--env takes NAME=value");
        }

        var times = new List<double>();
        double idleMegabytes = 0;
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        await WarmUpAsync(http);
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            // --exe: a self-contained publish's own executable; --dll: a framework-dependent one, through dotnet.
            var executable = args.Optional("exe");
            var start = executable is null
                ? new ProcessStartInfo("dotnet", [args.Text("dll"), .. extraArguments])
                : new ProcessStartInfo(executable, extraArguments);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.WorkingDirectory = Path.GetDirectoryName(executable ?? args.Text("dll"))!;
            if (childVariable is [var name, var value])
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            // The last lines it wrote, for the failure message: a start that fails says why.
            var lastLines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            DataReceivedEventHandler keep = (_, e) =>
            {
                if (e.Data is { } line)
                {
                    lastLines.Enqueue(line);
                    while (lastLines.Count > 20 && lastLines.TryDequeue(out string? dropped))
                    {
                    }
                }
            };
            process.OutputDataReceived += keep;
            process.ErrorDataReceived += keep;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                while (!await IsListeningAsync(url) || !await IsHealthyAsync(http))
                {
                    if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
                    {
                        throw new InvalidOperationException(
                            (process.HasExited ? $"the process exited with {process.ExitCode} before answering /health" : "the service did not answer /health within 60 s") +
                            "; its last lines:\n" + string.Join('\n', lastLines));
                    }

                    await Task.Delay(2);
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
                await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
                idleMegabytes = ResidentMegabytes(process.Id);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var store = args.Text("store");
        var scenario = args.Optional("scenario") ?? "startup_to_first_health_200";
        var what = args.Optional("what") ?? (store == "framework" ? "of the trivial ASP.NET Core app" : "on the existing database");
        times.Sort();
        new Measurement(store, scenario, times[times.Count / 2], "ms")
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"median of {runs} starts {what} ({string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms)"),
        }.Print();
        new Measurement(store, scenario == "startup_to_first_health_200" ? "rss_idle" : scenario + "_rss_idle", idleMegabytes, "MB")
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"VmRSS {idleSeconds} s after the first /health 200, no load yet"),
        }.Print();
        return 0;
    }

    public static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>
    /// The driver's own first requests, a refused one and an answered one (a one-line loopback listener), before any
    /// clock starts: the JIT work of its HTTP client then does not share the machine's two cores with the start measured.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient http)
    {
        _ = await IsListeningAsync(http.BaseAddress!);
        _ = await IsHealthyAsync(http);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var answering = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[4096]);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        });
        using var answered = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), Timeout = TimeSpan.FromSeconds(2) };
        if (!await IsHealthyAsync(answered))
        {
            throw new InvalidOperationException("the driver's warm-up request was not answered");
        }

        await answering;
    }

    /// <summary>
    /// Whether the port takes connections yet: a bare connect, far cheaper than a refused HTTP request, so polling every
    /// 2 ms takes little of the CPU the measured start needs.
    /// </summary>
    private static async Task<bool> IsListeningAsync(Uri url)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(url.Host, url.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
