using System.Globalization;

namespace Auth.Api.Admin;

/// <summary>
/// The ETag of an admin API resource that carries a version number (RFC 9110 §8.8.3): <c>"7"</c>. A representation
/// changes only with its version, so the tag is strong and <c>If-Match</c> compares it as RFC 9110 §13.1.1 asks.
/// </summary>
public static class VersionTag
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The request's <c>If-Match</c>: absent (no condition), <c>*</c> (<paramref name="any"/>: the resource must exist) or one
    /// tag of this API (<c>W/</c> is tolerated, as SCIM clients send it). False for anything else, such as a list of tags.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? version, out bool any)
    {
        version = null;
        var header = request.Headers.IfMatch;
        var value = header.ToString().Trim();
        any = value == "*";
        if (header.Count == 0 || any)
        {
            return true;
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (value.Length < 3 || value[0] != '"' || value[^1] != '"' ||
            !long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }

    /// <summary>
    /// The version <c>If-Match</c> asks for, for a use case that takes an expected version: null when there is no
    /// condition or <c>*</c> (any version of a resource that exists); -1, which no resource is at, for a header this API
    /// never gave (a list of tags), so the change is refused with 412.
    /// </summary>
    public static long? Expected(HttpRequest request) =>
        TryReadIfMatch(request, out var version, out _) ? version : -1;
}
