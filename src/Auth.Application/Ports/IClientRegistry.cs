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

    /// <summary>
    /// Brings the registered client in line with its definition, keeping its secret, client type and previous secret
    /// (the definition's secret is ignored); null when no client has the id, else the stored version after the change.
    /// </summary>
    Task<string?> ReplaceKeepingSecretAsync(ClientDefinition client, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the registered client a new version without changing it, when what lives beside the registration changed
    /// (its roles): a writer that read the old version loses its race. The new version; null when no client has the id.
    /// </summary>
    Task<string?> NewVersionAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a confidential client a new secret. The one it replaces keeps working until
    /// <paramref name="previousValidUntil"/> (its hash is kept, never the secret); with none it stops at once and the
    /// client's tokens are cut off, since it may have leaked. False when no client has the id.
    /// </summary>
    Task<bool> RotateSecretAsync(string clientId, string secret, DateTimeOffset rotatedAt, DateTimeOffset? previousValidUntil, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="secret"/> is the client's current secret (checked as client authentication checks it).</summary>
    Task<bool> HasSecretAsync(string clientId, string secret, CancellationToken cancellationToken);

    /// <summary>Deletes the client with its authorizations and tokens; false when no client has the id.</summary>
    Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Every client, ordered by id.</summary>
    Task<IReadOnlyList<ClientSummary>> ListAsync(CancellationToken cancellationToken);
}
