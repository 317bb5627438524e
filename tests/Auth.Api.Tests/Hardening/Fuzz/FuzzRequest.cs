using System.Text;

namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// One generated request, kept as the bytes that go on the wire so a failure can print exactly what was sent.
/// The target is sent without .NET's path canonicalization, so "..", "%2e" and "//" reach the server as written.
/// </summary>
public sealed record FuzzRequest(
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    byte[]? Body,
    string Mutations)
{
    private const int ShownBodyBytes = 600;

    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(Method), uri);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>The request as a reader can replay it: request line, headers (credentials shortened), body escaped.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').AppendLine(Target);
        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").AppendLine(value.Length > 80 ? value[..80] + "…" : value);
        }

        if (ContentType is not null)
        {
            text.Append("Content-Type: ").AppendLine(ContentType);
        }

        if (Body is not null)
        {
            text.Append("Body (").Append(Body.Length).Append(" bytes): ").AppendLine(Escape(Body));
        }

        return text.Append("Mutations: ").Append(Mutations).ToString();
    }

    private static string Escape(byte[] body)
    {
        var text = new StringBuilder();
        foreach (var b in body.Take(ShownBodyBytes))
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return body.Length > ShownBodyBytes ? text.Append('…').ToString() : text.ToString();
    }
}
