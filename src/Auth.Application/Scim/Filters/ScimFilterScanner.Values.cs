using System.Globalization;
using System.Text;

namespace Auth.Application.Scim.Filters;

/// <summary>The scanner's reading of comparison values: JSON strings, numbers and the literals true, false, null.</summary>
internal sealed partial class ScimFilterScanner
{
    /// <summary>Reads compValue = false / null / true / number / string (RFC 7644 §3.4.2.2).</summary>
    public ScimValue? ReadValue()
    {
        if (IsAt('"'))
            return ReadString();
        if (IsAt('-') || (!AtEnd && char.IsAsciiDigit(text[Position])))
            return ReadNumber();
        var word = PeekWord();
        var literal = LiteralFor(word);
        if (literal is null)
            return Fail<ScimValue>("Expected a value: a string, number, true, false or null");
        Position += word.Length;
        return literal;
    }

    // RFC 8259 §7, with the escapes RFC 7644 §3.4.2.2 inherits from JSON.
    private ScimValue? ReadString()
    {
        var start = Position;
        var value = new StringBuilder();
        Position++;
        while (true)
        {
            if (AtEnd)
                return Fail<ScimValue>("Unterminated string", start);
            var c = text[Position];
            if (c == '"')
            {
                Position++;
                return ScimValue.FromString(value.ToString());
            }

            if (c < ' ')
                return Fail<ScimValue>("Control characters in a string must be escaped");
            if (c != '\\')
            {
                value.Append(c);
                Position++;
                continue;
            }

            var escape = Position;
            Position++;
            char? unescaped = AtEnd ? null : text[Position] switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => null,
            };
            if (unescaped is { } simple)
            {
                value.Append(simple);
                Position++;
            }
            else if (IsAt('u'))
            {
                if (!ReadUnicodeEscape(escape, value))
                    return null;
            }
            else
            {
                return Fail<ScimValue>(AtEnd ? "Unterminated string" : "Invalid escape in a string", AtEnd ? start : escape);
            }
        }
    }

    // "\u" 4HEXDIG; characters outside the BMP come as a surrogate pair of two escapes (RFC 8259 §7). A lone
    // surrogate is refused: it is not text, and would fail later in the database driver or the JSON writer.
    private bool ReadUnicodeEscape(int escape, StringBuilder value)
    {
        if (!TryReadHex(Position + 1, out var unit))
            return Reject("Invalid \\u escape: expected four hexadecimal digits", escape);
        Position += 5;
        if (char.IsLowSurrogate(unit))
            return Reject("Invalid \\u escape: unpaired surrogate", escape);
        if (char.IsHighSurrogate(unit))
        {
            if (!IsAt('\\') || Position + 1 >= text.Length || text[Position + 1] != 'u'
                || !TryReadHex(Position + 2, out var low) || !char.IsLowSurrogate(low))
                return Reject("Invalid \\u escape: unpaired surrogate", escape);
            value.Append(unit).Append(low);
            Position += 6;
            return true;
        }

        value.Append(unit);
        return true;
    }

    private bool TryReadHex(int from, out char unit)
    {
        unit = default;
        if (from + 4 > text.Length
            || !ushort.TryParse(text.AsSpan(from, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            return false;
        unit = (char)code;
        return true;
    }

    // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT ).
    private ScimValue? ReadNumber()
    {
        var start = Position;
        var end = start;
        if (text[end] == '-')
            end++;
        if (end < text.Length && text[end] == '0')
            end++;
        else if (!SkipDigits(ref end))
            return Fail<ScimValue>("Invalid number", start);
        if (end < text.Length && text[end] == '.')
        {
            end++;
            if (!SkipDigits(ref end))
                return Fail<ScimValue>("Invalid number", start);
        }

        if (end < text.Length && text[end] is 'e' or 'E')
        {
            end++;
            if (end < text.Length && text[end] is '+' or '-')
                end++;
            if (!SkipDigits(ref end))
                return Fail<ScimValue>("Invalid number", start);
        }

        if (end < text.Length && !IsWhitespace(text[end]) && text[end] is not (')' or ']'))
            return Fail<ScimValue>("Invalid number", start);
        const NumberStyles json = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (!decimal.TryParse(text.AsSpan(start, end - start), json, CultureInfo.InvariantCulture, out var number))
            return Fail<ScimValue>("Number out of range", start);
        Position = end;
        return ScimValue.FromNumber(number);
    }

    private bool SkipDigits(ref int index)
    {
        var first = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
            index++;
        return index > first;
    }

    // ABNF literals such as "true" are case-insensitive (RFC 5234 §2.3).
    private static ScimValue? LiteralFor(ReadOnlySpan<char> word) =>
        word.Equals("true", StringComparison.OrdinalIgnoreCase) ? ScimValue.FromBoolean(true)
        : word.Equals("false", StringComparison.OrdinalIgnoreCase) ? ScimValue.FromBoolean(false)
        : word.Equals("null", StringComparison.OrdinalIgnoreCase) ? ScimValue.Null
        : null;
}
