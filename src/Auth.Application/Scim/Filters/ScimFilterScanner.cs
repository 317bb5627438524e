using System.Globalization;
using System.Text;

namespace Auth.Application.Scim.Filters;

/// <summary>
/// A cursor over filter or PATCH path text that reads its lexical pieces (attribute paths, words, JSON values)
/// and keeps the first syntax error. Readers return null after recording an error; none throws on bad input.
/// Error messages give the 1-based position and at most <see cref="SnippetLength"/> characters of the input.
/// </summary>
internal sealed partial class ScimFilterScanner(string text, string subject)
{
    private const int SnippetLength = 24;

    public int Position { get; private set; }

    public string? Error { get; private set; }

    public bool AtEnd => Position >= text.Length;

    public bool IsAt(char c) => Position < text.Length && text[Position] == c;

    public bool TryConsume(char c)
    {
        if (!IsAt(c))
            return false;
        Position++;
        return true;
    }

    public void Advance(int count) => Position += count;

    // RFC 7644 §3.4.2.2 asks for one SP between tokens; tabs, line breaks and repeated spaces are accepted too.
    public void SkipWhitespace()
    {
        while (Position < text.Length && IsWhitespace(text[Position]))
            Position++;
    }

    /// <summary>The run of name characters at the cursor, without consuming it: operators and keywords are such words.</summary>
    public ReadOnlySpan<char> PeekWord()
    {
        var end = Position;
        while (end < text.Length && IsNameChar(text[end]))
            end++;
        return text.AsSpan(Position, end - Position);
    }

    /// <summary>True when the cursor is at something that can only start a comparison value.</summary>
    public bool IsAtValue()
    {
        if (AtEnd)
            return false;
        var c = text[Position];
        return c == '"' || c == '-' || char.IsAsciiDigit(c) || LiteralFor(PeekWord()) is not null;
    }

    public bool IsAtAttributeName() => Position < text.Length && (char.IsAsciiLetter(text[Position]) || text[Position] == '$');

    /// <summary>Reads attrPath = [URI ":"] ATTRNAME *1subAttr (RFC 7644 §3.10).</summary>
    public AttributePath? ReadAttributePath()
    {
        if (!IsAtAttributeName())
            return Fail<AttributePath>("Expected an attribute name");
        var start = Position;
        var end = start;
        while (end < text.Length && IsPathChar(text[end]))
            end++;
        var path = text.AsSpan(start, end - start);

        // RFC 7644 §3.10: a qualified name is the schema URN, ':', then the attribute, so the URN ends at the last ':'.
        string? urn = null;
        var nameStart = path.LastIndexOf(':') + 1;
        if (nameStart > 0)
        {
            urn = path[..(nameStart - 1)].ToString();
            if (!IsSchemaUrn(urn))
                return Fail<AttributePath>("Expected a schema URN such as 'urn:ietf:params:scim:schemas:core:2.0:User'", start);
        }

        var dot = path[nameStart..].IndexOf('.');
        var nameEnd = dot < 0 ? path.Length : nameStart + dot;
        if (!IsAttributeName(path[nameStart..nameEnd]))
            return Fail<AttributePath>("Invalid attribute name", start + nameStart);
        string? subAttribute = null;
        if (dot >= 0)
        {
            var sub = path[(nameEnd + 1)..];
            if (sub.Contains('.'))
                return Fail<AttributePath>("An attribute path has at most one sub-attribute", start);
            if (!IsAttributeName(sub))
                return Fail<AttributePath>("Invalid sub-attribute name", start + nameEnd + 1);
            subAttribute = sub.ToString();
        }

        Position = end;
        return new AttributePath(urn, path[nameStart..nameEnd].ToString(), subAttribute);
    }

    /// <summary>Reads a bare ATTRNAME, as after <c>"]" "."</c> in a value path.</summary>
    public string? ReadAttributeName()
    {
        var start = Position;
        var end = start;
        while (end < text.Length && (IsNameChar(text[end]) || text[end] == '$'))
            end++;
        var name = text.AsSpan(start, end - start);
        if (!IsAttributeName(name))
            return Fail<string>("Expected a sub-attribute name");
        Position = end;
        return name.ToString();
    }

    /// <summary>Records <paramref name="problem"/> (unless an error is already recorded) and returns null.</summary>
    public T? Fail<T>(string problem, int? at = null)
        where T : class
    {
        Reject(problem, at);
        return null;
    }

    /// <summary>Records <paramref name="problem"/> (unless an error is already recorded) and returns false.</summary>
    public bool Reject(string problem, int? at = null)
    {
        var position = at ?? Position;
        Error ??= position >= text.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{problem} at position {position + 1} (end of the {subject}).")
            : string.Create(CultureInfo.InvariantCulture, $"{problem} at position {position + 1}, near '{Snippet(position)}'.");
        return false;
    }

    private string Snippet(int position)
    {
        var length = Math.Min(SnippetLength, text.Length - position);
        var snippet = string.Create(length, (text, position), static (span, state) =>
        {
            // Control characters would break the log line or page that shows the message.
            for (var i = 0; i < span.Length; i++)
                span[i] = char.IsControl(state.text[state.position + i]) ? '?' : state.text[state.position + i];
        });
        return position + length < text.Length ? snippet + "..." : snippet;
    }

    // ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7643 §2.1), plus "$ref" (errata 4690).
    private static bool IsAttributeName(ReadOnlySpan<char> name)
    {
        if (name.Equals("$ref", StringComparison.OrdinalIgnoreCase))
            return true;
        if (name.IsEmpty || !char.IsAsciiLetter(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!IsNameChar(c))
                return false;
        }

        return true;
    }

    private static bool IsSchemaUrn(string urn) =>
        urn.Length > 4 && urn.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && !urn.Contains("::", StringComparison.Ordinal);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static bool IsPathChar(char c) => IsNameChar(c) || c is ':' or '.' or '$';

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';
}
