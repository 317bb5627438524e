using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Application.Seed;

namespace Auth.Api.Seed;

/// <summary>
/// Reads a seed file: JSON (comments and trailing commas allowed, camelCase names). Unknown members are refused,
/// so a misspelt setting fails loudly at start-up instead of being ignored. See samples/seed.json.
/// </summary>
public static class SeedFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
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
    }
}
