namespace Auth.Application.Grants;

/// <summary>How long expired, redeemed and revoked tokens and authorizations are kept, and how often they are pruned.</summary>
public sealed class GrantRetention
{
    public const string Section = "GrantRetention";

    /// <summary>
    /// Longer than the longest refresh-token lifetime, so a used refresh token is still recognised (and its reuse
    /// still revokes the family, RFC 9700 §4.14.2) for as long as it could have been valid.
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(31);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
