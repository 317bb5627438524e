using System.Text.Json.Serialization;
using Auth.Application.Scopes;

namespace Auth.Api.Admin;

/// <summary>The body of POST /admin/v1/scopes (with <c>name</c>) and PUT /admin/v1/scopes/{name} (the path's name counts).</summary>
public sealed record ScopeRequest(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("resources")] IReadOnlyList<string>? Resources = null)
{
    public ScopeDefinition ToDefinition(string? name = null) => new()
    {
        Name = name ?? Name ?? string.Empty,
        DisplayName = DisplayName,
        Description = Description,
        Resources = Resources ?? [],
    };
}
