using System.Text.Json.Serialization;

namespace Auth.Api.Tests.Hosting;

/// <summary>A message as the sink parsed it: the envelope's sender and recipients, the headers' subject, both bodies.</summary>
public sealed record ReceivedMail(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] IReadOnlyList<string> To,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("headerFrom")] string? HeaderFrom,
    [property: JsonPropertyName("headerTo")] string? HeaderTo);
