using System.Globalization;

namespace Auth.Api.Admin;

/// <summary>
/// A user's version as an entity tag (RFC 9110 §8.8.3), strong, since If-Match compares strongly (§13.1.1): <c>"7"</c>.
/// </summary>
public static class UserETag
{
    public static string Of(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The version If-Match asks for: null when the header is absent or <c>*</c> (any version of a user that exists);
    /// -1, which no user is at, for a tag this service never gave (a weak one, a list), so the change is refused.
    /// </summary>
    public static long? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"' &&
            long.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }
}
