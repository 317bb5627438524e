using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Auth.Api.Tests.Hosting;

/// <summary>A message as the sink parsed it: the envelope's sender and recipients, the headers' subject, both bodies.</summary>
public sealed partial record ReceivedMail(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] IReadOnlyList<string> To,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("headerFrom")] string? HeaderFrom,
    [property: JsonPropertyName("headerTo")] string? HeaderTo)
{
    /// <summary>The one-time set-password link in the text body (an operator's or a reset's); asserts there is one.</summary>
    public string SetPasswordLink()
    {
        var match = SetPasswordLinkPattern().Match(Text ?? string.Empty);
        Assert.That(match.Success, Is.True, "a set-password link in the mail: " + Text);
        return match.Value;
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex SetPasswordLinkPattern();
}
