using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A real SMTP server for the mail tests: <c>tests/smtp-sink/server.js</c> (smtp-server and mailparser under node, which
/// build/test.sh installs) on loopback ports, accepting every message and listing what arrived over a small HTTP API.
/// One for the whole test process, started by the first fixture that asks; tests tell their mail apart by recipient
/// (each test's user has an address of its own). The process ends with the test process (its stdin closes).
/// </summary>
public sealed class TestSmtpSink
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly Lazy<TestSmtpSink> Started = new(Start);

    private readonly HttpClient _api;

    // Held for the life of the test process: its stdin pipe closing (when the Process is collected) would end the sink.
    private readonly Process _process;

    private TestSmtpSink(Process process, int smtpPort, int apiPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The sink of this test process, started on first use.</summary>
    public static TestSmtpSink Shared => Started.Value;

    public int SmtpPort { get; }

    public int ProcessId => _process.Id;

    private static string ServerScript => Path.Combine(Repository.Root, "tests", "smtp-sink", "server.js");

    /// <summary>Settings that make a server send its mail here: plain SMTP to 127.0.0.1, as only a loopback host allows.</summary>
    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "accounts@auth.example",
        ["Smtp:FromName"] = "Auth service",
        ["Smtp:Timeout"] = "00:00:10",
    };

    /// <summary>The messages whose envelope names <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesToAsync(string address) =>
        await _api.GetFromJsonAsync<List<ReceivedMail>>("messages?to=" + Uri.EscapeDataString(address)) ?? [];

    /// <summary>
    /// The messages to <paramref name="address"/> once there are <paramref name="count"/>, for mail sent after a request
    /// answered; asserts that exactly that many came within 15 seconds.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesToAsync(string address, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var mails = await MessagesToAsync(address);
            if (mails.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.That(mails, Has.Count.EqualTo(count), "mails to " + address);
                return mails;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>How many messages arrived, to anyone.</summary>
    public async Task<int> CountAsync() => (await _api.GetFromJsonAsync<JsonObject>("count"))!["count"]!.GetValue<int>();

    private static TestSmtpSink Start()
    {
        if (!File.Exists(Path.Combine(Path.GetDirectoryName(ServerScript)!, "node_modules", "smtp-server", "package.json")))
        {
            Assert.Fail("tests/smtp-sink/node_modules is missing: run build/test.sh, or `npm ci` in tests/smtp-sink.");
        }

        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerScript)!,
            ArgumentList = { ServerScript },
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("node is not on PATH: install Debian's nodejs (build/test.sh does).", ex);
        }

        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                errors.Enqueue(line.Data);
            }
        };
        process.BeginErrorReadLine();
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(StartLimit) || ready.Result is not { } line || !line.StartsWith('{'))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The SMTP sink did not start within {StartLimit.TotalSeconds} s. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        var ports = JsonNode.Parse(line)!;
        return new TestSmtpSink(process, ports["smtp"]!.GetValue<int>(), ports["api"]!.GetValue<int>());
    }
}
