using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>
/// What a rotation did: the new key (published now, signing from <c>signs_from</c>), the keys it replaces (signing
/// until then, published until their tokens expire), the expired keys deleted.
/// </summary>
public sealed record SigningKeyRotation(
    [property: JsonPropertyName("kid")] string NewKeyId,
    [property: JsonPropertyName("signs_from")] string SignsFrom,
    [property: JsonPropertyName("retired")] IReadOnlyList<string> RetiredKeyIds,
    [property: JsonPropertyName("deleted")] IReadOnlyList<string> DeletedKeyIds);
