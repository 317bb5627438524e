using System.Text;

namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// Mutations of form-encoded parameters (bodies and query strings). Values are wire text: percent-escapes are sent
/// as written, so broken escapes, encoded NULs, overlong and surrogate UTF-8 reach the server's decoders; a character
/// from U+0080 to U+00FF stands for that raw byte.
/// </summary>
public static class FormMutations
{
    public static readonly string[] HostileValues =
    [
        "", "%00", "a%00b", "%0D%0A", "%09", "%", "%zz", "%e", "%C3%28", "%ED%A0%80", "%ED%B0%80", "%C0%AF", "%FF%FE", "%EF%BB%BF",
        "%C3%A9t%C3%A9", "%F0%9D%92%9C", "%E2%80%AE", "%E2%80%8B", "%EF%BC%A1", "+", "%2B", "%26%3D", ";", "\u00FF\u00FE", "\u00C3\u00A9",
        "\u00ED\u00A0\u0080", "\u0000", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201%3D1--", "%2F%2Fevil.example", "%2F%5Cevil.example",
        "https%3A%2F%2Fevil.example%2F", "javascript%3Aalert(1)", "..%2F..%2F", "-1", "0", "99999999999999999999", "1e400", "NaN", "true",
        "null", "%5B%5D", "%7B%7D", "%7B%22%5Cud800%22%3Anull%7D", "1000000000000", "%22", "%5C", "*", "openid%20openid", "%20", "a%20b%20c%20d%20e%20f%20g",
    ];

    private static readonly string[] HostileKeys = ["", "%00", "a%5Bb%5D", "%C3%28", "__proto__", "constructor", "a.b", "%E2%80%8B", "\u00FF"];

    /// <summary>Applies one to three mutations to key=value pairs; returns the new wire text and what was done.</summary>
    public static string Mutate(string wire, Random random, List<string> notes)
    {
        var pairs = Parse(wire);
        var rounds = random.Next(1, 4);
        for (var round = 0; round < rounds; round++)
        {
            switch (random.Next(13))
            {
                case 0 or 1 or 2 when pairs.Count > 0:
                    var index = random.Next(pairs.Count);
                    var value = Pick(random, HostileValues);
                    notes.Add($"value of {pairs[index].Key} = {value}");
                    pairs[index] = (pairs[index].Key, value);
                    break;
                case 3 when pairs.Count > 0:
                    var repeated = pairs[random.Next(pairs.Count)];
                    notes.Add($"repeat {repeated.Key}");
                    pairs.Add((repeated.Key, random.Next(2) == 0 ? repeated.Value : Pick(random, HostileValues)));
                    break;
                case 4 when pairs.Count > 0:
                    var dropped = random.Next(pairs.Count);
                    notes.Add($"drop {pairs[dropped].Key}");
                    pairs.RemoveAt(dropped);
                    break;
                case 5:
                    var key = random.Next(3) == 0 ? new string('k', 300) : Pick(random, HostileKeys);
                    notes.Add($"add key '{Shorten(key)}'");
                    pairs.Insert(random.Next(pairs.Count + 1), (key, Pick(random, HostileValues)));
                    break;
                case 6 when pairs.Count > 0:
                    var huge = random.Next(pairs.Count);
                    var size = Pick(random, [4_000, 17_000, 60_000, 70_000]);
                    notes.Add($"{size}-character value of {pairs[huge].Key}");
                    pairs[huge] = (pairs[huge].Key, new string('a', size));
                    break;
                case 7:
                    var extra = Pick(random, [70, 200]);
                    notes.Add($"{extra} extra parameters");
                    pairs.AddRange(Enumerable.Range(0, extra).Select(i => ($"p{i}", (string?)"1")));
                    break;
                case 8:
                    var noise = Pick(random, ["&", "&&", "=", "==", "&=&", "a", "%", "\r\n", "&%3D"]);
                    notes.Add($"raw '{Shorten(noise)}'");
                    pairs.Add((noise, null));
                    break;
                case 9 when pairs.Count > 0:
                    var bare = random.Next(pairs.Count);
                    notes.Add($"{pairs[bare].Key} without '='");
                    pairs[bare] = (pairs[bare].Key, null);
                    break;
                case 10 when pairs.Count > 0:
                    var appended = random.Next(pairs.Count);
                    var suffix = Pick(random, HostileValues);
                    notes.Add($"append {suffix} to {pairs[appended].Key}");
                    pairs[appended] = (pairs[appended].Key, pairs[appended].Value + suffix);
                    break;
                case 11:
                    notes.Add("shuffle");
                    pairs = [.. pairs.OrderBy(_ => random.Next())];
                    break;
                default:
                    notes.Add("unchanged round");
                    break;
            }
        }

        return Write(pairs);
    }

    /// <summary>Raw bytes become percent-escapes, so a query string stays within what a request line can carry.</summary>
    public static string AsciiOnly(string wire)
    {
        var text = new StringBuilder();
        foreach (var c in wire)
        {
            text.Append(c is >= '\x21' and < '\x7F' ? c.ToString() : $"%{(int)c & 0xFF:X2}");
        }

        return text.ToString();
    }

    public static List<(string Key, string? Value)> Parse(string wire) =>
        wire.Length == 0
            ? []
            : wire.Split('&').Select(p => p.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? (p[..at], (string?)p[(at + 1)..]) : (p, null)).ToList();

    public static string Write(IEnumerable<(string Key, string? Value)> pairs) =>
        string.Join('&', pairs.Select(p => p.Value is null ? p.Key : p.Key + "=" + p.Value));

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
