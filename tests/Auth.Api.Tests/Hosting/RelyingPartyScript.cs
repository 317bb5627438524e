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

        var (exitCode, output, errors) = await NodeScript.RunAsync(Folder, Limit, Path.Combine(Folder, script), JsonSerializer.Serialize(argument));
        var printed = output.Trim();
        if (exitCode != 0 || printed.Length == 0)
        {
            Assert.Fail($"tests/rp-client/{script} exited with {exitCode}: {printed} {errors.Trim()}");
        }

        return JsonDocument.Parse(printed.Split('\n')[^1]).RootElement.Clone();
    }
}
