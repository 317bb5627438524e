using System.Text;
using System.Text.RegularExpressions;

namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// Mutations of a JSON body: duplicated members, lone UTF-16 surrogates and NULs in escapes, wrong types, hostile
/// numbers, deep nesting, truncation; then an encoding (UTF-8, with a BOM, UTF-16/32, raw invalid UTF-8) and a
/// content type.
/// </summary>
public static partial class JsonMutations
{
    private static readonly string[] HostileValues =
    [
        "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud83d\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u202e\"", "\"\\u200b\"",
        "\"\\uFEFF\"", "\"\uFF41\uFF44\uFF4D\uFF49\uFF4E\"", "\"jose\\u0301\"", "\"\"", "\" \"", "1e400", "-0", "123456789012345678901234567890",
        "1.5", "-1", "true", "false", "null", "[]", "{}", "[[[[[]]]]]", "[null]", "[1,2]", "{\"value\":null}", "\"True\"", "\"2026-13-45T99:99:99Z\"",
        "\"W/\\\"x\\\"\"", "\"" + new string('x', 300) + "\"", "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", "\"<script>\"", "\"' OR 1=1 --\"",
    ];

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00]];

    private static readonly string[] HostileKeys =
    [
        "\\ud800", "", "\\u0000", "schemas", "id", "meta", "Operations", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:x:y", "emails[type eq \\\"work\\\"].value", "USERNAME", "userName", "displayName", "members", "path", "op", "value", "code",
    ];

    public static string Mutate(string json, Random random, List<string> notes)
    {
        var rounds = random.Next(1, 3);
        for (var round = 0; round < rounds; round++)
        {
            switch (random.Next(14))
            {
                case 0 or 1:
                    var keys = KeyPattern().Matches(json);
                    var key = keys.Count == 0 ? "userName" : keys[random.Next(keys.Count)].Groups[1].Value;
                    var duplicate = random.Next(2) == 0 ? key : key.ToUpperInvariant();
                    notes.Add($"duplicate member {duplicate}");
                    json = InsertMember(json, $"\"{duplicate}\":{FormMutations.Pick(random, HostileValues)}");
                    break;
                case 2 or 3 or 4:
                    var matches = StringValue().Matches(json);
                    if (matches.Count > 0)
                    {
                        var match = matches[random.Next(matches.Count)];
                        var value = FormMutations.Pick(random, HostileValues);
                        notes.Add($"value {match.Value} -> {value}");
                        json = json[..match.Index] + ":" + value + json[(match.Index + match.Length)..];
                    }

                    break;
                case 5:
                    var member = $"\"{FormMutations.Pick(random, HostileKeys)}\":{FormMutations.Pick(random, HostileValues)}";
                    notes.Add("add member " + member);
                    json = InsertMember(json, member);
                    break;
                case 6:
                    var depth = FormMutations.Pick(random, [31, 33, 200, 5_000]);
                    notes.Add($"nested {depth} deep");
                    json = random.Next(2) == 0
                        ? string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth))
                        : InsertMember(json, "\"n\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + string.Concat(Enumerable.Repeat("}", depth)));
                    break;
                case 7 when json.Length > 1:
                    var cut = random.Next(json.Length);
                    notes.Add($"truncated at {cut}");
                    json = json[..cut];
                    break;
                case 8:
                    var size = FormMutations.Pick(random, [10_000, 300_000, 1_100_000]);
                    notes.Add($"{size}-character string");
                    json = InsertMember(json, $"\"big\":\"{new string('x', size)}\"");
                    break;
                case 9:
                    notes.Add("many members");
                    json = InsertMember(json, string.Join(',', Enumerable.Range(0, 5_000).Select(i => $"\"m{i}\":{i}")));
                    break;
                case 10:
                    var whole = FormMutations.Pick(random, ["", " ", "null", "[]", "\"text\"", "1", "{", "}", "{}", "{\"a\":1,}", "{'a':1}", "{/*c*/\"a\":1}", "{\"a\":NaN}", "\u0000"]);
                    notes.Add($"body '{whole}'");
                    json = whole;
                    break;
                case 11 when json.Length > 1:
                    var at = random.Next(json.Length);
                    var inserted = FormMutations.Pick(random, ["\\", "\"", ",", ":", "{", "]", "\\u", "\\ud8", "\u0001", "\u00e9"]);
                    notes.Add($"insert {inserted} at {at}");
                    json = json[..at] + inserted + json[at..];
                    break;
                default:
                    notes.Add("unchanged round");
                    break;
            }
        }

        return json;
    }

    /// <summary>The body's bytes: mostly UTF-8, sometimes with a BOM, in UTF-16/32, or with raw invalid UTF-8 inside a string.</summary>
    public static byte[] Encode(string json, Random random, List<string> notes)
    {
        var roll = random.Next(100);
        switch (roll)
        {
            case < 80:
                return Encoding.UTF8.GetBytes(json);
            case < 84:
                notes.Add("UTF-8 BOM");
                return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)];
            case < 88:
                notes.Add("UTF-16LE with BOM");
                return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(json)];
            case < 90:
                notes.Add("UTF-16BE with BOM");
                return [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(json)];
            case < 91:
                notes.Add("UTF-32");
                return Encoding.UTF32.GetBytes(json);
            default:
                var invalid = InvalidUtf8[random.Next(InvalidUtf8.Length)];
                notes.Add("raw bytes " + Convert.ToHexString(invalid) + " in a string");
                var bytes = Encoding.UTF8.GetBytes(json);
                var quote = Array.IndexOf(bytes, (byte)'"', bytes.Length / 2);
                var position = quote < 0 ? bytes.Length / 2 : quote + 1;
                return [.. bytes[..position], .. invalid, .. bytes[position..]];
        }
    }

    public static string? ContentType(string usual, Random random, List<string> notes)
    {
        if (random.Next(100) < 80)
        {
            return usual;
        }

        var type = FormMutations.Pick<string?>(random,
        [
            "application/json", "application/scim+json", usual + "; charset=utf-16", usual + "; charset=bogus", usual + ";;", "text/plain",
            null, FormBodies.UrlEncoded, "multipart/form-data; boundary=x", "application/json; charset=\"utf-8\"", "application/", "*/*",
            "application/problem+json",
        ]);
        notes.Add("content type " + (type ?? "none"));
        return type;
    }

    private static string InsertMember(string json, string member)
    {
        var brace = json.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0)
        {
            return "{" + member + "}";
        }

        var empty = json.AsSpan(brace + 1).TrimStart().StartsWith("}");
        return json[..(brace + 1)] + member + (empty ? string.Empty : ",") + json[(brace + 1)..];
    }

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9]*)\"\\s*:")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(":\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringValue();
}
