namespace Auth.Application.Ports;

/// <summary>The tokens and authorizations the authorization server has issued, as the use cases end and prune them.</summary>
public interface IGrantStore
{
    /// <summary>Revokes every token and authorization issued to the user, for every client.</summary>
    Task RevokeUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Deletes tokens and authorizations that can no longer be used and were created before <paramref name="threshold"/>.</summary>
    Task<(long Tokens, long Authorizations)> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken);
}
