using System.Buffers.Text;
using System.Text;

namespace Auth.Api.Admin;

/// <summary>
/// An admin list's cursor: the last key of a page (a user name, a client id, a scope name), base64url-encoded so that
/// callers treat it as opaque.
/// </summary>
public static class AdminCursor
{
    public static string? Encode(string? after) => after is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(after));

    /// <summary>The key, or null for a cursor that is no previous page's.</summary>
    public static string? Decode(string cursor)
    {
        try
        {
            // No key holds U+0000, and a PostgreSQL text parameter cannot: such a cursor is nobody's.
            var after = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return after.Contains('\0', StringComparison.Ordinal) ? null : after;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
