using System.Globalization;
using System.Text;
using Auth.Api.Errors;

namespace Auth.Api.Authorization;

/// <summary>
/// The <c>WWW-Authenticate: Bearer</c> challenge of a refusal (RFC 6750 §3): no error code when no token was presented
/// (§3.1), the scope a 403 needs, and for RFC 9470 §3's insufficient_user_authentication the description and the
/// max_age (in seconds) a new sign-in must meet.
/// </summary>
public sealed record BearerChallenge(string? Error = null, string? Scope = null, string? Description = null, TimeSpan? MaxAge = null)
{
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

        return parameters.Count == 0 ? "Bearer" : new StringBuilder("Bearer ").AppendJoin(", ", parameters).ToString();
    }
}
