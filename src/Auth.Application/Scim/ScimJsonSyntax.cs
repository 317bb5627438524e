using System.Text;
using System.Text.Json;
using Auth.Application.Results;

namespace Auth.Application.Scim;

/// <summary>
/// Checks a SCIM request body before it is parsed into a tree: one JSON value that is also I-JSON (RFC 7493), nested
/// at most <see cref="MaxDepth"/> levels. I-JSON forbids what the tree would otherwise fail on later, in the middle of
/// a use case: a member name twice in one object (§2.3; compared ignoring case, since SCIM attribute names are
/// case-insensitive, RFC 7643 §2.1, so "userName" and "USERNAME" are the same attribute said twice), and strings that
/// are not Unicode, such as an escaped unpaired surrogate "\ud800" or invalid UTF-8 (§2.1). A string holding U+0000
/// is refused too: valid JSON, but no value this server stores may hold it (a PostgreSQL text value cannot).
/// </summary>
public static class ScimJsonSyntax
{
    public const int MaxDepth = 32;

    /// <summary>Null when the body is acceptable; otherwise the 400 to answer (invalidSyntax, or invalidValue for U+0000).</summary>
    public static Error? Violation(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(WithoutByteOrderMark(utf8), new JsonReaderOptions { MaxDepth = MaxDepth });
        var names = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (!names.Peek().Add(name))
                        {
                            return ScimErrors.InvalidSyntax($"The member \"{ScimErrors.Truncate(name)}\" appears more than once in one object.");
                        }

                        if (name.Contains('\0', StringComparison.Ordinal))
                        {
                            return ScimErrors.InvalidValue("A member name holds a NUL character.");
                        }

                        break;
                    case JsonTokenType.String:
                        // Unescaping and transcoding is what finds unpaired surrogates and invalid UTF-8.
                        if (reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                        {
                            return ScimErrors.InvalidValue("A string value holds a NUL character.");
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            return ScimErrors.InvalidSyntax($"The body is not valid JSON nested at most {MaxDepth} levels deep.");
        }
        catch (InvalidOperationException)
        {
            return ScimErrors.InvalidSyntax("The body holds a string that is not valid Unicode (an unpaired surrogate or invalid UTF-8).");
        }

        return null;
    }

    /// <summary>RFC 8259 §8.1: a parser may ignore a byte order mark, as the tree parser does.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;
}
