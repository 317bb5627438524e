using System.Globalization;
using System.Text;

namespace Auth.Application.Scim.Filters;

/// <summary>
/// A comparison value: compValue = false / null / true / number / string (RFC 7644 §3.4.2.2), with numbers
/// and strings as JSON writes them (RFC 8259 §6, §7). Exactly one of <see cref="Text"/>, <see cref="Number"/>
/// and <see cref="Boolean"/> is set, as <see cref="Kind"/> says; all three are null for <c>null</c>.
/// </summary>
public sealed record ScimValue
{
    private ScimValue(ScimValueKind kind, string? text = null, decimal? number = null, bool? boolean = null)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Boolean = boolean;
    }

    public static ScimValue Null { get; } = new(ScimValueKind.Null);

    public ScimValueKind Kind { get; }

    /// <summary>The unescaped string, when <see cref="Kind"/> is <see cref="ScimValueKind.Text"/>.</summary>
    public string? Text { get; }

    public decimal? Number { get; }

    public bool? Boolean { get; }

    public static ScimValue FromString(string text) => new(ScimValueKind.Text, text: text);

    public static ScimValue FromNumber(decimal number) => new(ScimValueKind.Number, number: number);

    public static ScimValue FromBoolean(bool value) => new(ScimValueKind.Boolean, boolean: value);

    /// <summary>The value as a filter literal, so that a printed filter parses back to the same tree.</summary>
    public override string ToString() => Kind switch
    {
        ScimValueKind.Text => Quote(Text!),
        ScimValueKind.Number => Number!.Value.ToString(CultureInfo.InvariantCulture),
        ScimValueKind.Boolean => Boolean!.Value ? "true" : "false",
        _ => "null",
    };

    // RFC 8259 §7: quotation mark, reverse solidus and control characters must be escaped.
    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                < ' ' => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
