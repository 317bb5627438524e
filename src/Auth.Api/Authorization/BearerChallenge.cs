using System.Globalization;
using System.Text;
using Auth.Api.Errors;

namespace Auth.Api.Authorization;

/// <summary>
/// The <c>WWW-Authenticate: Bearer</c> challenge of a refusal (RFC 6750 §3): no error code when no token was presented
/// (§3.1), the scope a 403 needs, and for RFC 9470 §3's insufficient_user_authentication the description and the
/// max_age (in seconds) a new sign-in must meet. A request that used the DPoP scheme, or whose proof was refused, is
/// answered with a <c>DPoP</c> challenge instead, which also names the algorithms accepted (RFC 9449 §7.1).
/// </summary>
public sealed record BearerChallenge(string? Error = null, string? Scope = null, string? Description = null, TimeSpan? MaxAge = null)
{
    public const string BearerScheme = "Bearer";

    /// <summary>Bearer (RFC 6750) or DPoP (RFC 9449).</summary>
    public string Scheme { get; init; } = BearerScheme;

    public string Format(string? realm)
    {
        var parameters = new List<string>();
        if (realm is not null)
        {
            parameters.Add($"realm=\"{realm}\"");
        }

        if (Error is not null)
        {
            parameters.Add($"error=\"{Error}\"");
        }

        if (Description is not null)
        {
            parameters.Add($"error_description=\"{ErrorBody.Sanitize(Description)}\"");
        }

        if (Scope is not null)
        {
            parameters.Add($"scope=\"{Scope}\"");
        }

        if (MaxAge is { } maxAge)
        {
            parameters.Add("max_age=" + ((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        if (Scheme == OAuth.DPoP.DPoPProofCheck.Scheme)
        {
            parameters.Add($"algs=\"{string.Join(' ', OAuth.DPoP.DPoPProofReader.Algorithms)}\"");
        }

        return parameters.Count == 0 ? Scheme : new StringBuilder(Scheme).Append(' ').AppendJoin(", ", parameters).ToString();
    }
}
