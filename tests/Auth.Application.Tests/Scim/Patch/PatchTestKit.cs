using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Application.Scim;
using Auth.Application.Scim.Patch;

namespace Auth.Application.Tests.Scim.Patch;

/// <summary>The appliers configured as PatchScimUser and PatchScimGroup configure them, and short ways to run and check a PATCH.</summary>
internal static class PatchTestKit
{
    public const string Enterprise = ScimSchemas.EnterpriseUser;

    public static readonly ScimPatchApplier UserApplier = new(
        ScimSchemas.User,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ScimSchemas.EnterpriseUser },
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "meta", "groups", "schemas" });

    public static readonly ScimPatchApplier GroupApplier = new(
        ScimSchemas.Group,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "meta", "schemas" });

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>An operation; a value of null leaves the value member out, the text "null" is a value member that is null.</summary>
    public static ScimPatchOperation Op(string? op, string? path, string? value = null) =>
        new(op, path, value is null ? null : JsonNode.Parse(value), value is not null);

    /// <summary>Applies the operations and fails the test unless they all succeed.</summary>
    public static JsonObject Applied(this ScimPatchApplier applier, JsonObject resource, params ScimPatchOperation[] operations)
    {
        var result = applier.Apply(resource, operations);
        return result.Succeeded
            ? result.Value
            : throw new AssertionException($"Expected success but got {result.Error.Code}: {result.Error.Description}");
    }

    /// <summary>Applies the operations and fails the test unless they are refused.</summary>
    public static Error Refused(this ScimPatchApplier applier, JsonObject resource, params ScimPatchOperation[] operations)
    {
        var result = applier.Apply(resource, operations);
        return result.Succeeded
            ? throw new AssertionException($"Expected an error but got {result.Value.ToJsonString()}")
            : result.Error;
    }

    public static void AssertJson(JsonNode? actual, string expected)
    {
        var wanted = JsonNode.Parse(expected);
        Assert.That(
            JsonNode.DeepEquals(actual, wanted),
            Is.True,
            $"Expected {wanted?.ToJsonString()} but was {actual?.ToJsonString()}");
    }
}
