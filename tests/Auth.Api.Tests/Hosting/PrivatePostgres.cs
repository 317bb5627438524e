using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A PostgreSQL cluster of one test's own, in a temporary directory on a free loopback port, which the test may stop
/// and start again. The shared cluster in <c>AUTH_TEST_POSTGRES</c> is never stopped: other tests use it.
/// Runs the binaries of Debian's postgresql package as the <c>postgres</c> user when the tests run as root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly int _port;

    private PrivatePostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        _port = port;
    }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The cluster's <c>auth</c> database, with no pooling surprises for the test itself.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Password=unused;Database=auth";

    /// <summary>The newest installed PostgreSQL's bin directory, or null when none is installed.</summary>
    public static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "bin"))
                .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "pg_ctl")) && File.Exists(Path.Combine(bin, "initdb")))
            : null;

    public static async Task<PrivatePostgres> StartAsync(string bin)
    {
        var root = Directory.CreateTempSubdirectory("auth-pg-").FullName;
        if (RunsAsRoot)
        {
            await RunAsync("chown", "postgres:postgres", root);
        }

        var cluster = new PrivatePostgres(bin, root, LoopbackPorts.Next());
        await cluster.RunToolAsync("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await cluster.StartAsync();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE auth", connection);
        await create.ExecuteNonQueryAsync();
        return cluster;
    }

    public Task StartAsync() =>
        RunToolAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "30", "-o",
            $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_root} -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
            "start");

    /// <summary>A fast shutdown: sessions are ended, as when an operator or a failover stops the server.</summary>
    public Task StopAsync() => RunToolAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private Task RunToolAsync(string tool, params string[] args) =>
        RunsAsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
