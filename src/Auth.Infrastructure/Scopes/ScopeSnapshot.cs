using System.Collections.Frozen;

namespace Auth.Infrastructure.Scopes;

/// <summary>Every scope by name, each a detached copy with its resources already parsed (<see cref="ScopeCatalog"/>).</summary>
public sealed record ScopeSnapshot(FrozenDictionary<string, ScopeSnapshot.Entry> ByName)
{
    public sealed record Entry(object Scope, IReadOnlyList<string> Resources);
}
