namespace Auth.Application.Scopes;

/// <summary>An API scope; <see cref="Resources"/> become the audiences of tokens that carry it.</summary>
public sealed record ScopeDefinition
{
    public required string Name { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];
}
