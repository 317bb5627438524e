using Auth.Application.Clients.Registration;

namespace Auth.Application.Ports;

/// <summary>
/// The bearer tokens of dynamic client registration (RFC 7591 §3, RFC 7592 §3): initial access tokens, each good for one
/// registration within what it allows, and each registered client's registration access token. Only hashes are stored.
/// </summary>
public interface IRegistrationTokens
{
    /// <summary>A new initial access token allowing <paramref name="allowance"/> until <paramref name="expiresAt"/>.</summary>
    Task<string> IssueInitialAccessTokenAsync(RegistrationAllowance allowance, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Spends an initial access token: what it allows, or null when it is unknown, expired or spent (one use, on any node).</summary>
    Task<RegistrationAllowance?> RedeemInitialAccessTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>A new registration access token for the client, replacing any before it; it keeps what the client may be.</summary>
    Task<string> IssueRegistrationAccessTokenAsync(string clientId, RegistrationAllowance allowance, CancellationToken cancellationToken);

    /// <summary>What the client may be, when <paramref name="token"/> is its current registration access token; else null.</summary>
    Task<RegistrationAllowance?> FindRegistrationAccessTokenAsync(string clientId, string token, CancellationToken cancellationToken);

    /// <summary>Ends the client's registration access token (the client is deleted).</summary>
    Task RevokeRegistrationAccessTokensAsync(string clientId, CancellationToken cancellationToken);
}
