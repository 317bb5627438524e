namespace Auth.Application.Ports;

/// <summary>What users allowed third-party clients, remembered so the consent page is shown once.</summary>
public interface IConsentStore
{
    /// <summary>Whether the user has allowed the client every one of these scopes, in a consent still valid.</summary>
    Task<bool> HasConsentedAsync(string userId, string clientId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken);

    /// <summary>The consents the user has given and not withdrawn, one per client, by client id.</summary>
    Task<IReadOnlyList<GivenConsent>> ListAsync(string userId, CancellationToken cancellationToken);

    Task RecordAsync(string userId, string clientId, IReadOnlyCollection<string> scopes, DateTimeOffset givenAt, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws the user's consents to the client and revokes every authorization and token the client holds for the
    /// user; returns how many were revoked.
    /// </summary>
    Task<long> WithdrawAsync(string userId, string clientId, CancellationToken cancellationToken);
}
