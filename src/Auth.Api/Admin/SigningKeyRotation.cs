using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>What a rotation did: the key now signing, the keys retired (still published until their tokens expire), the keys deleted.</summary>
public sealed record SigningKeyRotation(
    [property: JsonPropertyName("kid")] string NewKeyId,
    [property: JsonPropertyName("retired")] IReadOnlyList<string> RetiredKeyIds,
    [property: JsonPropertyName("deleted")] IReadOnlyList<string> DeletedKeyIds);
