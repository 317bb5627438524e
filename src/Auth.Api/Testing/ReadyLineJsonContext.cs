using System.Text.Json.Serialization;

namespace Auth.Api.Testing;

/// <summary>The ready line's JSON writing, generated at build time: it is written on the path to the first request.</summary>
[JsonSerializable(typeof(ReadyLine))]
internal sealed partial class ReadyLineJsonContext : JsonSerializerContext;
