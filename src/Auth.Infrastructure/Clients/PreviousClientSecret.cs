using System.Globalization;
using System.Text.Json;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// The secret a rotation replaced, kept in the OpenIddict application's properties as OpenIddict stored it (its hash,
/// never the secret) with the time it stops being accepted, beside the time of the rotation. Every node reads it with
/// the client, so the previous secret works everywhere until then and nowhere after.
/// </summary>
public sealed record PreviousClientSecret(string Hash, DateTimeOffset ValidUntil)
{
    public const string HashProperty = "urn:auth:previous_client_secret_hash";

    public const string ValidUntilProperty = "urn:auth:previous_client_secret_valid_until";

    public const string RotatedAtProperty = "urn:auth:client_secret_rotated_at";

    public static PreviousClientSecret? From(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(HashProperty, out var hash) && hash.ValueKind == JsonValueKind.String &&
        Time(properties, ValidUntilProperty) is { } validUntil
            ? new PreviousClientSecret(hash.GetString()!, validUntil)
            : null;

    public static DateTimeOffset? RotatedAt(IReadOnlyDictionary<string, JsonElement> properties) => Time(properties, RotatedAtProperty);

    /// <summary>The properties after a rotation at <paramref name="rotatedAt"/>: the replaced secret's hash kept until <paramref name="validUntil"/>, or dropped.</summary>
    public static void Record(IDictionary<string, JsonElement> properties, DateTimeOffset rotatedAt, string? replacedHash, DateTimeOffset? validUntil)
    {
        properties.Remove(HashProperty);
        properties.Remove(ValidUntilProperty);
        properties[RotatedAtProperty] = JsonSerializer.SerializeToElement(Format(rotatedAt));
        if (replacedHash is not null && validUntil is { } until)
        {
            properties[HashProperty] = JsonSerializer.SerializeToElement(replacedHash);
            properties[ValidUntilProperty] = JsonSerializer.SerializeToElement(Format(until));
        }
    }

    /// <summary>Forgets a rotation's previous secret, for a secret an operator states anew (it replaces both).</summary>
    public static void Forget(IDictionary<string, JsonElement> properties)
    {
        properties.Remove(HashProperty);
        properties.Remove(ValidUntilProperty);
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : null;
}
