using System.Globalization;
using System.Text;

namespace Auth.Domain.Users;

/// <summary>
/// How a user name is written down and compared, so that names which look alike are one name. From RFC 8265's
/// UsernameCasePreserved profile (§3.4): fullwidth and halfwidth characters become their decompositions (width
/// mapping, rule 1) and the result is NFC (rule 4), so "ｊｏｓé", "josé" composed and "jose" + U+0301 are the same
/// name. Other spaces (U+00A0, U+3000, …) become U+0020, and surrounding spaces go. Case is kept as given;
/// comparisons ignore it (<see cref="ComparisonKey"/>, RFC 7643 §4.1.1 caseExact false).
/// A name may not hold what cannot be seen or changes how text around it is shown: control characters, format
/// characters (zero-width spaces and joiners, bidirectional controls, the byte order mark), other default-ignorable
/// code points, line and paragraph separators, or unpaired surrogates. Nor, as RFC 8265's IdentifierClass (§3.3) says,
/// compatibility characters: "𝐚𝐝𝐦𝐢𝐧", "ℌ" or "ﬁ" would otherwise be names apart from the plain letters they look like.
/// </summary>
public static class UserNameRule
{
    /// <summary>The longest name stored, in UTF-16 code units of its canonical form (the column's length).</summary>
    public const int MaxLength = 256;

    /// <summary>The form stored: width-mapped, other spaces as U+0020, trimmed, NFC. Never throws.</summary>
    public static string Canonical(string userName)
    {
        var mapped = new StringBuilder(userName.Length);
        foreach (var rune in userName.EnumerateRunes())
        {
            // EnumerateRunes gives an unpaired surrogate as U+FFFD, so the text below is valid for normalization.
            var narrow = UnicodeNormalization.WidthMapped(rune);
            mapped.Append(Rune.GetUnicodeCategory(narrow) == UnicodeCategory.SpaceSeparator ? " " : narrow.ToString());
        }

        return UnicodeNormalization.ToFormC(mapped.ToString().Trim());
    }

    /// <summary>What names are compared and looked up by: the canonical form in upper case. Never throws.</summary>
    public static string ComparisonKey(string userName) => Canonical(userName).ToUpperInvariant();

    /// <summary>Null when the name may be stored; otherwise why not, in words for a person.</summary>
    public static string? Problem(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return "A user name cannot be empty.";
        }

        for (var i = 0; i < userName.Length; i++)
        {
            if (char.IsSurrogate(userName[i]) && !(char.IsHighSurrogate(userName[i]) && i + 1 < userName.Length && char.IsLowSurrogate(userName[++i])))
            {
                return "A user name must be valid Unicode text; it holds an unpaired surrogate.";
            }
        }

        var canonical = Canonical(userName);
        if (canonical.Length == 0)
        {
            return "A user name cannot be empty.";
        }

        if (canonical.Length > MaxLength)
        {
            return $"A user name has at most {MaxLength} characters.";
        }

        // The name as given, not trimmed: a control character at the end is refused, not silently dropped.
        foreach (var rune in userName.EnumerateRunes().Select(UnicodeNormalization.WidthMapped))
        {
            if (IsInvisible(rune))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"A user name cannot hold control, invisible or bidirectional formatting characters such as U+{rune.Value:X4}.");
            }

            if (UnicodeNormalization.IsCompatibilityCharacter(rune))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"A user name cannot hold compatibility characters (styled letters, ligatures, superscripts) such as U+{rune.Value:X4}; write the plain letters.");
            }
        }

        return null;
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate ||
        IsOtherDefaultIgnorable(rune.Value);

    /// <summary>Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) beyond the format characters.</summary>
    private static bool IsOtherDefaultIgnorable(int value) => value is
        0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x3164 or (>= 0x2060 and <= 0x206F) or
        (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8) or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE0FFF);
}
