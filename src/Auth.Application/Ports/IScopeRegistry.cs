using Auth.Application.Clients;
using Auth.Application.Scopes;

namespace Auth.Application.Ports;

/// <summary>The API scopes registered with the authorization server, and the resources (audiences) each stands for.</summary>
public interface IScopeRegistry
{
    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>The scope as stored, with its version; null when no scope has the name.</summary>
    Task<RegisteredScope?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Registers a new scope; false, changing nothing, when a scope has the name already.</summary>
    Task<bool> AddAsync(ScopeDefinition scope, CancellationToken cancellationToken);

    /// <summary>Registers the scope, or brings the registered one in line with its definition.</summary>
    Task<ChangeOutcome> ApplyAsync(ScopeDefinition scope, CancellationToken cancellationToken);

    /// <summary>Every registered scope, ordered by name.</summary>
    Task<IReadOnlyList<ScopeDefinition>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the scope; false when no scope has the name. Clients that name it are the caller's to check.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);
}
