using System.Text.Json.Serialization;
using Auth.Application.Scopes;

namespace Auth.Api.Admin;

/// <summary>A scope as the admin API shows it; <c>built_in</c> scopes are the server's own and cannot be changed or removed.</summary>
public sealed record ScopeRecord(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources,
    [property: JsonPropertyName("built_in")] bool BuiltIn)
{
    public static ScopeRecord From(ScopeDefinition scope) =>
        new(scope.Name, scope.DisplayName, scope.Description, scope.Resources, BuiltInScopes.Names.Contains(scope.Name));
}
