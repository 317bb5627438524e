using System.Text;

namespace Auth.Domain.IdentityProviders;

/// <summary>
/// Who the upstream provider says signed in, from its validated ID token (and userinfo): the claims the linking rules
/// read, by name, first string value of each. The HTTP edge builds it once OpenIddict has checked the callback.
/// </summary>
/// <param name="Issuer">The ID token's <c>iss</c>; for multi-tenant Entra it must name the token's tenant.</param>
/// <param name="Methods">The upstream's <c>amr</c> values (RFC 8176).</param>
/// <param name="ContextClasses">The upstream's <c>acr</c> value and Entra's <c>acrs</c> values.</param>
/// <param name="EmailVerified">The upstream's <c>email_verified</c>; null when it did not say.</param>
/// <param name="AuthenticatedAt">The upstream's <c>auth_time</c>, when it sent one.</param>
/// <param name="IdToken">The upstream ID token, kept only for a logout at the upstream; never logged.</param>
public sealed record UpstreamIdentity(
    string ProviderId,
    string Issuer,
    IReadOnlyDictionary<string, string> Claims,
    IReadOnlyList<string> Methods,
    IReadOnlyList<string> ContextClasses,
    bool? EmailVerified,
    DateTimeOffset? AuthenticatedAt = null,
    string? IdToken = null)
{
    /// <summary>Entra's tenant claim.</summary>
    public const string TenantClaim = "tid";

    public string? TenantId => Claim(TenantClaim);

    public string? Claim(string? type) =>
        type is not null && Claims.TryGetValue(type, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    // A record prints every member: the upstream's token must not reach a log line or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProviderId = ").Append(ProviderId).Append(", Issuer = ").Append(Issuer)
            .Append(", Claims = [").AppendJoin(", ", Claims.Keys).Append(']');
        return true;
    }
}
