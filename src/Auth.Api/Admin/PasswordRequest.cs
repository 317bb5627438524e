using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>The body of PUT /admin/v1/users/{id}/password.</summary>
public sealed record PasswordRequest([property: JsonPropertyName("password")] string? Password)
{
    // A record prints every member: the password must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder) => false;
}
