using System.Text.Json;

namespace Auth.Application.Clients;

/// <summary>
/// What the service, not a client's definition, keeps about a client in its stored properties: written once and kept
/// when a definition replaces the client (seed file, admin API, console, RFC 7592), as a rotation's previous secret is.
/// </summary>
public static class ClientProperties
{
    /// <summary>The client registered itself (<see cref="ClientDefinition.SelfRegistered"/>).</summary>
    public const string SelfRegistered = "urn:auth:self_registered";

    public static bool IsSelfRegistered(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(SelfRegistered, out var value) && value.ValueKind == JsonValueKind.True;
}
