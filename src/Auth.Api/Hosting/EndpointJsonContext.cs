using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Api.Admin;
using Auth.Api.Health;
using Auth.Api.Testing;

namespace Auth.Api.Hosting;

/// <summary>
/// The JSON metadata of the types the minimal-API endpoints bind from a body or name as their result, and of the health
/// reports (a test suite's first request), generated at build time. The generated endpoints ask for it when the pipeline is built, before the first request: from
/// reflection that was a fifth of a second of start-up (docs/performance.md, ephemeral start-up). First in the
/// options' resolver chain, reflection after it, so the names, case and number handling stay those of the web
/// defaults (an <see cref="object"/> result is written as its runtime type, which reflection describes at the first
/// such response); <c>StartupMetadataTests</c> fails when an endpoint's body type is missing here.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(ClientRequest))]
[JsonSerializable(typeof(ClientUpdateRequest))]
[JsonSerializable(typeof(ClientTokenRequest))]
[JsonSerializable(typeof(SecretRotationRequest))]
[JsonSerializable(typeof(RegistrationTokenRequest))]
[JsonSerializable(typeof(ScopeRequest))]
[JsonSerializable(typeof(IdentityProviderBody))]
[JsonSerializable(typeof(NewUserRequest))]
[JsonSerializable(typeof(UserProfileRequest))]
[JsonSerializable(typeof(PasswordRequest))]
[JsonSerializable(typeof(PasswordLinkRequest))]
[JsonSerializable(typeof(TestingEndpoints.ClockChange))]
[JsonSerializable(typeof(TestingEndpoints.ClockReport))]
[JsonSerializable(typeof(HealthEndpoints.HealthReport))]
[JsonSerializable(typeof(HealthEndpoints.LivenessReport))]
internal sealed partial class EndpointJsonContext : JsonSerializerContext;
