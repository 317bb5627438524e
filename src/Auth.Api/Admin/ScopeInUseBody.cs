using System.Text.Json.Serialization;

namespace Auth.Api.Admin;

/// <summary>The 409 of DELETE /admin/v1/scopes/{name} while clients may ask for the scope: the error, and those clients.</summary>
public sealed record ScopeInUseBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("clients")] IReadOnlyList<string> Clients);
