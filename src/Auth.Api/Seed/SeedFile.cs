using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Application.Seed;

namespace Auth.Api.Seed;

/// <summary>
/// Reads a seed file: JSON (comments and trailing commas allowed, camelCase names). Unknown members are refused,
/// so a misspelt setting fails loudly at start-up instead of being ignored. See samples/seed.json.
/// Every way the file can fail to load is an <see cref="InvalidDataException"/> whose one-line message names the file:
/// the start-up and the <c>seed</c> verb print it and exit with 1.
/// </summary>
public static class SeedFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,

        // A null where the definitions take none ("requestUris": null, "userName": null) is refused as the file's
        // fault, naming the member, rather than reaching the rules as a null they never expect.
        RespectNullableAnnotations = true,
    };

    public static SeedDocument Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<SeedDocument>(stream, Options)
                ?? throw new InvalidDataException($"The seed file '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The seed file '{path}' is not valid: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // A relative path is resolved against the working directory, which is not always the one the operator
            // thinks of (dotnet run runs in the project's folder): say where the file was looked for.
            throw new InvalidDataException($"The seed file '{path}' does not exist (looked for {Path.GetFullPath(path)}).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The seed file '{path}' could not be read: {ex.Message}", ex);
        }
    }
}
