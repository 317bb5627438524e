using System.Text.Json.Serialization;
using Auth.Application.Keys;

namespace Auth.Api.Admin;

/// <summary>
/// A signing key as the admin API shows it: its public facts only. <c>signs_from</c> is when it starts (or started)
/// signing; <c>signing</c> marks the one key signing now.
/// </summary>
public sealed record SigningKeyRecord(
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("signs_from")] string SignsFrom,
    [property: JsonPropertyName("retires_at")] string? RetiresAt,
    [property: JsonPropertyName("signing")] bool Signing,
    [property: JsonPropertyName("published")] bool Published)
{
    public static SigningKeyRecord From(SigningKeySummary key) =>
        new(key.KeyId, key.Algorithm, AdminTime.Format(key.CreatedAt), AdminTime.Format(key.SignsFrom), key.RetiresAt is { } retires ? AdminTime.Format(retires) : null, key.Signing, key.Published);
}
