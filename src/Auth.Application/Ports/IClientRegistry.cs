using Auth.Application.Clients;

namespace Auth.Application.Ports;

/// <summary>The clients the authorization server knows: their secrets, permissions, redirect URIs and settings.</summary>
public interface IClientRegistry
{
    Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>The client as registered, without its secret and with no roles (they are the service's own table); null when no client has the id.</summary>
    Task<ClientDetails?> FindAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Registers a new client; false, changing nothing, when a client has the id already.</summary>
    Task<bool> AddAsync(ClientDefinition client, CancellationToken cancellationToken);

    /// <summary>Registers the client, or brings the registered one in line with its definition.</summary>
    Task<ChangeOutcome> ApplyAsync(ClientDefinition client, CancellationToken cancellationToken);

    /// <summary>Deletes the client with its authorizations and tokens; false when no client has the id.</summary>
    Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Every client, ordered by id.</summary>
    Task<IReadOnlyList<ClientSummary>> ListAsync(CancellationToken cancellationToken);
}
