using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>
/// A new "set your password" link: its <see cref="Url"/>, shown this once (only its token's hash is stored), or, when
/// the service e-mailed it, the address it went to (<see cref="SentTo"/>) and no link at all.
/// </summary>
public sealed record PasswordLinkRecord(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonPropertyName("sent_to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SentTo,
    [property: JsonPropertyName("expires_at")] string ExpiresAt)
{
    // A record prints every member: the link opens the account and must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId);
        return true;
    }
}
