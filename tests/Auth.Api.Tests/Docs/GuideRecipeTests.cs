using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Docs;

/// <summary>
/// The guides work as written: the marked shell blocks of docs/guides/ and the README's smoke test run in order, in
/// one bash session, as a reader would paste them, against a server started with the guides' own command from the
/// built executable, on a free loopback port with a data directory of its own. The browser steps are played by a
/// browser without JavaScript that signs in as the sample seed's alice. See <see cref="RecipeBlock"/> for the marks.
/// </summary>
public sealed class GuideRecipeTests
{
    /// <summary>The pages in the order a reader follows them: each guide builds on the ones before.</summary>
    private static readonly string[] Pages =
    [
        "docs/guides/README.md",
        "README.md",
        "docs/guides/client-credentials.md",
        "docs/guides/single-sign-on.md",
        "docs/guides/mfa.md",
        "docs/guides/scim-provisioning.md",
    ];

    /// <summary>The address the pages use; the test points it at its own server.</summary>
    private const string DocumentedAddress = "http://localhost:3001";

    private static readonly string[] Tools = ["curl", "jq", "openssl", "basenc", "oathtool"];
    private static readonly string[] KnownMarks = ["check", "open", "server", "paste", "output"];
    private static readonly TimeSpan BlockLimit = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Every_runnable_block_of_the_guides_and_the_readme_runs_as_written()
    {
        RequireTools();
        var root = Repository.Root;
        var guides = Directory.GetFiles(Path.Combine(root, "docs", "guides"), "*.md").Select(f => "docs/guides/" + Path.GetFileName(f));
        Assert.That(guides, Is.SubsetOf(Pages), "every guide is in the recipe test's reading order");

        var work = Directory.CreateTempSubdirectory("auth-guides-").FullName;
        var port = LoopbackPorts.Next();
        var address = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = address,
            ["OAuth__Issuer"] = address + "/",
        };

        // The reader's clone as the guides see it: the published service under artifacts/auth, and the sample seed.
        Directory.CreateDirectory(Path.Combine(work, "artifacts"));
        Directory.CreateSymbolicLink(Path.Combine(work, "artifacts", "auth"), Path.GetDirectoryName(typeof(Program).Assembly.Location)!);
        Directory.CreateSymbolicLink(Path.Combine(work, "samples"), Path.Combine(root, "samples"));

        Server? server = null;
        await using var shell = await RecipeShell.StartAsync(work, environment);
        using var browser = new UserAgent(new Uri(address + "/"));
        var checkedBlocks = 0;
        try
        {
            foreach (var page in Pages)
            {
                var blocks = RecipeBlock.Read(Path.Combine(root, page), page);
                for (var i = 0; i < blocks.Count; i++)
                {
                    var block = blocks[i];
                    Assert.That(block.Marks, Is.SubsetOf(KnownMarks), $"{block.Where}: unknown mark");
                    var script = block.Text.Replace(DocumentedAddress, address, StringComparison.Ordinal);
                    if (block.Is("server"))
                    {
                        Assert.That(server, Is.Null, $"{block.Where}: a second server; the guides share one");
                        server = await Server.StartAsync(script, work, environment, new Uri(address + "/"), block.Where);
                    }
                    else if (block.Is("check"))
                    {
                        var run = await shell.RunAsync(script, BlockLimit);
                        Assert.That(run.Succeeded, Is.True, Failure(block, script, run, "failed" + (run.ExitCode is { } code ? $" (the shell exited with {code})" : string.Empty), server));
                        if (i + 1 < blocks.Count && blocks[i + 1].Is("output"))
                        {
                            var expected = blocks[i + 1] with { Text = blocks[i + 1].Text.Replace(DocumentedAddress, address, StringComparison.Ordinal) };
                            Assert.That(expected.Shows(run.Output), Is.True, Failure(block, script, run, $"printed something else than {expected.Where} shows:{Environment.NewLine}{expected.Text}", server));
                        }

                        if (block.Is("open"))
                        {
                            var callback = await OpenAsync(browser, LastLine(run.Output), block.Where);
                            await shell.SetAsync("CALLBACK", callback);
                        }

                        checkedBlocks++;
                    }
                }
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process that is ending; the temp folder is cleaned by the OS.
            }
        }

        Assert.That(checkedBlocks, Is.GreaterThan(20), "the guides still mark their blocks for checking");
    }

    /// <summary>
    /// What a reader does with an address the guide prints: opens it in the browser, signs in as alice when the sign-in
    /// page appears, and follows the server's redirects until one leaves it (to the application's callback).
    /// </summary>
    private static async Task<string> OpenAsync(UserAgent browser, string url, string where)
    {
        Assert.That(Uri.TryCreate(url, UriKind.Absolute, out var start), Is.True, $"{where}: the last line printed is not an address: {url}");
        var response = await browser.GetAsync(start!.AbsoluteUri);
        for (var hops = 0; hops < 12; hops++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = response.Headers.Location!;
                var absolute = location.IsAbsoluteUri ? location : new Uri(browser.Http.BaseAddress!, location);
                if (absolute.Authority != browser.Http.BaseAddress!.Authority)
                {
                    return absolute.OriginalString;
                }

                response.Dispose();
                response = await browser.GetAsync(absolute.PathAndQuery);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.That(response.StatusCode == HttpStatusCode.OK && path == "/account/login", Is.True,
                $"{where}: the browser stopped at {response.RequestMessage.RequestUri} ({(int)response.StatusCode}):{Environment.NewLine}{html}");
            var signIn = response.RequestMessage.RequestUri!.PathAndQuery;
            response.Dispose();
            response = await browser.SubmitFormAsync(html, signIn, new Dictionary<string, string> { ["UserName"] = "alice", ["Password"] = "alice-password-change-me" });
        }

        Assert.Fail($"{where}: more than 12 steps without leaving the server");
        return string.Empty;
    }

    private static string Failure(RecipeBlock block, string script, RecipeShell.Run run, string what, Server? server)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{block.Where}: the block {what}")
            .AppendLine("--- block ---").Append(script)
            .AppendLine("--- standard output ---").AppendLine(run.Output)
            .AppendLine("--- standard error ---").AppendLine(run.Error);
        if (server is not null)
        {
            text.AppendLine("--- the server's last lines ---").AppendLine(server.RecentOutput);
        }

        return text.ToString();
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;

    private static void RequireTools()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':');
        var missing = Tools.Where(tool => !path.Any(folder => File.Exists(Path.Combine(folder, tool)))).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"The guides need {string.Join(", ", missing)}: install Debian's packages of those names (coreutils for basenc); build/test.sh does.");
        }
    }


    /// <summary>The server a guide starts, run by bash in the reader's clone exactly as the guide writes the command.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private Server(Process process) => _process = process;

        public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(40));

        public static async Task<Server> StartAsync(string command, string workDirectory, IReadOnlyDictionary<string, string> environment, Uri address, string where)
        {
            var start = new ProcessStartInfo("bash") { WorkingDirectory = workDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
            foreach (var variable in environment)
            {
                start.Environment[variable.Key] = variable.Value;
            }

            var server = new Server(Process.Start(start)!);
            server._process.OutputDataReceived += (_, line) => server.Remember(line.Data);
            server._process.ErrorDataReceived += (_, line) => server.Remember(line.Data);
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !server._process.HasExited)
            {
                try
                {
                    using var health = await http.GetAsync("/health");
                    if (health.IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            var output = server.RecentOutput;
            await server.DisposeAsync();
            Assert.Fail($"{where}: the server did not answer /health within 60 s:{Environment.NewLine}{output}");
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

        private void Remember(string? line)
        {
            if (line is not null)
            {
                _output.Enqueue(line);
            }
        }
    }
}
