using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// A real relying party: openid-client (panva's, unmodified) under node, in <c>tests/rp-client</c> (build/test.sh
/// installs it as its package-lock.json pins it). One script per flow; each takes one JSON argument and prints one
/// JSON line, so a flow that needs a browser step in between runs as two calls with the state carried in the JSON.
/// </summary>
public static class RelyingPartyScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static string Folder => Path.Combine(Repository.Root, "tests", "rp-client");

    /// <summary>Runs <c>tests/rp-client/{script}</c> with <paramref name="argument"/> as JSON.</summary>
    /// <returns>The line it printed, parsed; a script that exits non-zero or prints no JSON fails the test with its output.</returns>
    public static async Task<JsonElement> RunAsync(string script, object argument)
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "openid-client", "package.json")))
        {
            Assert.Fail("tests/rp-client/node_modules is missing: run build/test.sh, or `npm ci` in tests/rp-client.");
        }

        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
            ArgumentList = { Path.Combine(Folder, script), JsonSerializer.Serialize(argument) },
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

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"tests/rp-client/{script} did not finish within {Limit}.");
            }

            var printed = (await output).Trim();
            if (process.ExitCode != 0 || printed.Length == 0)
            {
                Assert.Fail($"tests/rp-client/{script} exited with {process.ExitCode}: {printed} {(await errors).Trim()}");
            }

            return JsonDocument.Parse(printed.Split('\n')[^1]).RootElement.Clone();
        }
    }
}
