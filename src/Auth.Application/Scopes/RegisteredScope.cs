namespace Auth.Application.Scopes;

/// <summary>A scope as stored, with its version (OpenIddict's concurrency token, new on every change; the admin API's ETag).</summary>
public sealed record RegisteredScope(ScopeDefinition Definition, string? Version)
{
    /// <summary>Defined by the server itself (<see cref="BuiltInScopes"/>): not changed or removed by an operator.</summary>
    public bool IsBuiltIn => BuiltInScopes.Names.Contains(Definition.Name);
}
