using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Auth.Api.Tests.Docs;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Testing;

/// <summary>
/// docs/testing.md works as written: its <c>sh server</c> block starts the built executable in ephemeral mode as a
/// reader would, from a clone whose Release output is this build, and prints the ready line the page shows; then its
/// <c>sh check</c> blocks run in order in one bash session with <c>AUTH</c> set to that server's address, each printing
/// what the <c>output</c> block after it shows (<see cref="RecipeBlock"/>).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class TestingGuideRecipesTests
{
    private const string Page = "docs/testing.md";
    private static readonly string[] Tools = ["curl", "jq"];
    private static readonly string[] KnownMarks = ["check", "server", "paste", "output"];
    private static readonly TimeSpan BlockLimit = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Every_runnable_block_of_the_testing_guide_runs_as_written()
    {
        RequireTools();
        var blocks = RecipeBlock.Read(Path.Combine(Repository.Root, Page), Page);
        var work = Directory.CreateTempSubdirectory("auth-testing-guide-").FullName;

        // The reader's clone as the page sees it: the Release build where the page names it, and the samples.
        var release = Directory.CreateDirectory(Path.Combine(work, "src", "Auth.Api", "bin", "Release")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(release, "net10.0"), Path.GetDirectoryName(typeof(Program).Assembly.Location)!);
        Directory.CreateSymbolicLink(Path.Combine(work, "samples"), Path.Combine(Repository.Root, "samples"));

        Server? server = null;
        var checkedBlocks = 0;
        var shell = await RecipeShell.StartAsync(work, new Dictionary<string, string>());
        try
        {
            // The test process's own settings (a test store, a log file) must not reach the servers the blocks start.
            Assert.That((await shell.RunAsync(
                "for v in $(compgen -e); do case \"$v\" in AUTH_*|*__*) unset \"$v\";; esac; done\n", BlockLimit)).Succeeded, Is.True);

            for (var i = 0; i < blocks.Count; i++)
            {
                var block = blocks[i];
                Assert.That(block.Marks, Is.SubsetOf(KnownMarks), $"{block.Where}: unknown mark");
                var expected = i + 1 < blocks.Count && blocks[i + 1].Is("output") ? blocks[i + 1] : null;
                if (block.Is("server"))
                {
                    Assert.That(server, Is.Null, $"{block.Where}: a second server; the page's blocks share one");
                    server = await Server.StartAsync(block.Text, work, block.Where);
                    if (expected is not null)
                    {
                        Assert.That(expected.Shows(server.ReadyLine), Is.True,
                            $"{block.Where}: the ready line is not what {expected.Where} shows:{Environment.NewLine}{server.ReadyLine}");
                    }

                    var address = server.Issuer.TrimEnd('/');
                    Assert.That((await shell.RunAsync($"export AUTH='{address}'\n", BlockLimit)).Succeeded, Is.True);
                }
                else if (block.Is("paste"))
                {
                    Assert.That(block.Text, Does.StartWith("AUTH="), $"{block.Where}: the page's one pasted value is AUTH, which the test sets");
                }
                else if (block.Is("check"))
                {
                    var run = await shell.RunAsync(block.Text, BlockLimit);
                    Assert.That(run.Succeeded, Is.True,
                        Failure(block, run, "failed" + (run.ExitCode is { } code ? $" (the shell exited with {code})" : string.Empty), server));
                    if (expected is not null)
                    {
                        Assert.That(expected.Shows(run.Output), Is.True,
                            Failure(block, run, $"printed something else than {expected.Where} shows:{Environment.NewLine}{expected.Text}", server));
                    }

                    checkedBlocks++;
                }
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            await shell.DisposeAsync();
            StopProcessesStartedIn(work);
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process that is ending; the temp folder is cleaned by the OS.
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(server, Is.Not.Null, "the page starts a server with a `sh server` block");
            Assert.That(checkedBlocks, Is.GreaterThanOrEqualTo(12), "the page still marks its blocks for checking");
        });
    }

    private static string Failure(RecipeBlock block, RecipeShell.Run run, string what, Server? server)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{block.Where}: the block {what}")
            .AppendLine("--- block ---").Append(block.Text)
            .AppendLine("--- standard output ---").AppendLine(run.Output)
            .AppendLine("--- standard error ---").AppendLine(run.Error);
        if (server is not null)
        {
            text.AppendLine("--- the server's last log lines ---").AppendLine(server.RecentLogs);
        }

        return text.ToString();
    }

    private static void RequireTools()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':');
        var missing = Tools.Where(tool => !path.Any(folder => File.Exists(Path.Combine(folder, tool)))).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"docs/testing.md needs {string.Join(", ", missing)}: install Debian's packages of those names; build/test.sh does.");
        }
    }

    /// <summary>A server a block started in the background and did not stop (its block failed): whatever runs in the clone.</summary>
    private static void StopProcessesStartedIn(string work)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    var cwd = new DirectoryInfo($"/proc/{process.Id}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName;
                    if (cwd is not null && cwd.StartsWith(work, StringComparison.Ordinal) && process.Id != Environment.ProcessId)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone already, or not ours to read.
                }
            }
        }
    }

    /// <summary>The server the page starts, run by bash in the clone exactly as the page writes the command.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _logs;

        private Server(Process process, ConcurrentQueue<string> logs, string readyLine, string issuer)
        {
            _process = process;
            _logs = logs;
            ReadyLine = readyLine;
            Issuer = issuer;
        }

        public string ReadyLine { get; }

        public string Issuer { get; }

        public string RecentLogs => string.Join(Environment.NewLine, _logs.TakeLast(40));

        public static async Task<Server> StartAsync(string command, string work, string where)
        {
            var start = new ProcessStartInfo("bash")
            {
                WorkingDirectory = work,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec " + command.Trim());
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AUTH_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            var process = Process.Start(start)!;
            var logs = new ConcurrentQueue<string>();
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is not null)
                {
                    logs.Enqueue(line.Data);
                }
            };
            process.BeginErrorReadLine();

            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                line = null;
            }

            if (line is null)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"{where}: no ready line within 60 s:{Environment.NewLine}{string.Join(Environment.NewLine, logs.TakeLast(40))}");
            }

            using var ready = JsonDocument.Parse(line!);
            var server = new Server(process, logs, line!, ready.RootElement.GetProperty("issuer").GetString()!);

            // Standard output carries the ready line alone; read it to the end all the same.
            _ = process.StandardOutput.ReadToEndAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
