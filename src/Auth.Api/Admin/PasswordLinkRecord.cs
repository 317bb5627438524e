using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>A new "set your password" link, shown this once: only its token's hash is stored.</summary>
public sealed record PasswordLinkRecord(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expires_at")] string ExpiresAt)
{
    // A record prints every member: the link opens the account and must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId);
        return true;
    }
}
