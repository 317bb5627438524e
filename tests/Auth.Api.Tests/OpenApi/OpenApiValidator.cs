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
        var (exitCode, output, errors) = await NodeScript.RunAsync(Folder, Limit, Path.Combine(Folder, "validate.js"), file);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        return (exitCode, (output + errors).Trim());
    }
}
