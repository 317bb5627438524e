using System.ComponentModel;
using System.Diagnostics;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OpenApi;

/// <summary>
/// An independent judge of the OpenAPI document: <c>tests/openapi-validator/validate.js</c> runs
/// @apidevtools/swagger-parser under node (build/test.sh installs both) on a document written to a file.
/// </summary>
public static class OpenApiValidator
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static string Folder => Path.Combine(Repository.Root, "tests", "openapi-validator");

    /// <summary>The validator's exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> ValidateAsync(string document)
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "@apidevtools", "swagger-parser", "package.json")))
        {
            Assert.Fail("tests/openapi-validator/node_modules is missing: run build/test.sh, or `npm ci` in tests/openapi-validator.");
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("auth-openapi-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, document);
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
            ArgumentList = { Path.Combine(Folder, "validate.js"), file },
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
                throw new TimeoutException($"The OpenAPI validator did not finish within {Limit}.");
            }

            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
            return (process.ExitCode, (await output + await errors).Trim());
        }
    }
}
