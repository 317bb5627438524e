using System.Text;

namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// A form as it goes on the wire: mostly application/x-www-form-urlencoded, sometimes in another charset, as
/// multipart/form-data (well-formed or broken in the ways a parser can trip on), or under a content type that is no form.
/// </summary>
public static class FormBodies
{
    public const string UrlEncoded = "application/x-www-form-urlencoded";

    public static (string? ContentType, byte[] Body) Encode(string wire, Random random, List<string> notes)
    {
        var roll = random.Next(100);
        switch (roll)
        {
            case < 74:
                return (UrlEncoded, Encoding.Latin1.GetBytes(wire));
            case < 78:
                notes.Add("UTF-16 with a byte order mark");
                return (UrlEncoded + "; charset=utf-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(wire)]);
            case < 81:
                var charset = FormMutations.Pick(random, ["bogus", "iso-8859-1", "utf-7", "\"utf-8\"", "utf-32"]);
                notes.Add("charset " + charset);
                return (UrlEncoded + "; charset=" + charset, Encoding.Latin1.GetBytes(wire));
            case < 91:
                return Multipart(wire, random, notes);
            case < 94:
                notes.Add("as JSON");
                var json = "{" + string.Join(',', FormMutations.Parse(wire).Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}";
                return ("application/json", Encoding.Latin1.GetBytes(json));
            case < 97:
                var type = FormMutations.Pick<string?>(random, ["text/plain", null, "application/x-www-form-urlencoded;;;", "application/", "*/*", "application/octet-stream"]);
                notes.Add("content type " + (type ?? "none"));
                return (type, Encoding.Latin1.GetBytes(wire));
            default:
                notes.Add("empty body");
                return (UrlEncoded, []);
        }
    }

    /// <summary>multipart/form-data (RFC 7578), well-formed or broken.</summary>
    private static (string? ContentType, byte[] Body) Multipart(string wire, Random random, List<string> notes)
    {
        var boundary = "fuzz" + random.Next(1_000_000);
        var parts = FormMutations.Parse(wire)
            .Select(p => $"--{boundary}\r\nContent-Disposition: form-data; name=\"{p.Key}\"\r\n\r\n{Uri.UnescapeDataString(p.Value ?? string.Empty)}\r\n")
            .ToList();
        var body = string.Concat(parts) + $"--{boundary}--\r\n";
        var contentType = $"multipart/form-data; boundary={boundary}";
        var variant = random.Next(11);
        notes.Add("multipart variant " + variant);
        switch (variant)
        {
            case 1:
                // No closing boundary: the reader meets the end of the stream inside a section.
                body = body[..Math.Max(0, body.Length - boundary.Length - 6)];
                break;
            case 2:
                body = body[..(body.Length / 2)];
                break;
            case 3:
                contentType = "multipart/form-data; boundary=other";
                break;
            case 4:
                contentType = "multipart/form-data";
                break;
            case 5:
                body = $"--{boundary}\r\nX-Junk: 1\r\n\r\nvalue\r\n--{boundary}--\r\n";
                break;
            case 6:
                var longBoundary = new string('b', 100);
                contentType = $"multipart/form-data; boundary={longBoundary}";
                body = $"--{longBoundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--{longBoundary}--\r\n";
                break;
            case 7:
                body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n{new string('x', 2_000)}\r\n--{boundary}--\r\n";
                break;
            case 8:
                body = $"--{boundary}\r\nthis is not a header\r\n\r\n--{boundary}--\r\n";
                break;
            case 9:
                body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n" + new string('h', 20_000) + "\r\n\r\nx\r\n--" + boundary + "--\r\n";
                break;
            case 10:
                body = string.Empty;
                break;
        }

        return (contentType, Encoding.Latin1.GetBytes(body));
    }
}
