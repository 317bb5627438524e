using System.Globalization;
using System.Text;

namespace Auth.Domain.Users;

/// <summary>
/// Normalization Form C and width mapping (UAX #15; RFC 8265 §3.4.1 rule 1), carried here because the service runs
/// with InvariantGlobalization, where <see cref="string.Normalize()"/> leaves non-ASCII text as it is. The tables
/// come from <see cref="UnicodeNormalizationData"/>; Hangul syllables are decomposed and composed by arithmetic.
/// </summary>
public static class UnicodeNormalization
{
    private const int HangulBase = 0xAC00, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int LeadCount = 19, VowelCount = 21, TrailCount = 28, SyllableCount = 11172;

    private static readonly Dictionary<int, int[]> Decompositions = Parse(UnicodeNormalizationData.Decompositions)
        .ToDictionary(e => e.Code, e => e.Parts);

    private static readonly Dictionary<(int, int), int> Compositions = BuildCompositions();

    private static readonly Dictionary<int, int> Widths = Parse(UnicodeNormalizationData.WidthMappings).ToDictionary(e => e.Code, e => e.Parts[0]);

    private static readonly (int First, int Last)[] CompatibilityRanges = UnicodeNormalizationData.CompatibilityCharacters.Split(';')
        .Select(range => range.Split('-')).Select(bounds => (Hex(bounds[0]), Hex(bounds[^1]))).ToArray();

    private static readonly Dictionary<int, byte> CombiningClasses = ParseClasses(UnicodeNormalizationData.CombiningClasses);

    /// <summary>The fullwidth or halfwidth character's narrow or wide counterpart, or the character itself.</summary>
    /// <summary>
    /// Whether a code point has a compatibility decomposition other than a width or space mapping: a letter in a
    /// mathematical font (U+1D41A), a ligature (U+FB01), a superscript, a circled or squared form.
    /// </summary>
    public static bool IsCompatibilityCharacter(Rune rune)
    {
        var ranges = CompatibilityRanges;
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (rune.Value < ranges[middle].First)
            {
                high = middle - 1;
            }
            else if (rune.Value > ranges[middle].Last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public static Rune WidthMapped(Rune rune) => Widths.TryGetValue(rune.Value, out var mapped) ? new Rune(mapped) : rune;

    /// <summary>NFC of a string of valid UTF-16 (callers replace unpaired surrogates first).</summary>
    public static string ToFormC(string text)
    {
        // Below U+0300 nothing decomposes into, or composes with, a combining mark by itself.
        if (text.All(c => c < 0x300))
        {
            return text;
        }

        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, points);
        }

        Reorder(points);
        Compose(points);
        var result = new StringBuilder(points.Count);
        foreach (var point in points)
        {
            result.Append(new Rune(point).ToString());
        }

        return result.ToString();
    }

    private static void Decompose(int point, List<int> into)
    {
        if (point is >= HangulBase and < HangulBase + SyllableCount)
        {
            var index = point - HangulBase;
            into.Add(LeadBase + (index / (VowelCount * TrailCount)));
            into.Add(VowelBase + (index % (VowelCount * TrailCount) / TrailCount));
            if (index % TrailCount != 0)
            {
                into.Add(TrailBase + (index % TrailCount));
            }
        }
        else if (Decompositions.TryGetValue(point, out var parts))
        {
            foreach (var part in parts)
            {
                Decompose(part, into);
            }
        }
        else
        {
            into.Add(point);
        }
    }

    /// <summary>Canonical ordering: each run of combining marks sorted, stably, by combining class.</summary>
    private static void Reorder(List<int> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            var ccc = ClassOf(points[i]);
            for (var j = i; ccc != 0 && j > 0 && ClassOf(points[j - 1]) > ccc; j--)
            {
                (points[j - 1], points[j]) = (points[j], points[j - 1]);
            }
        }
    }

    /// <summary>Canonical composition: each mark joins the last starter unless a mark of the same or a higher class sits between.</summary>
    private static void Compose(List<int> points)
    {
        var starter = -1;
        var lastClass = -1;
        var write = 0;
        for (var read = 0; read < points.Count; read++)
        {
            var point = points[read];
            var ccc = ClassOf(point);
            if (starter >= 0 && (lastClass < ccc || (lastClass == 0 && write == starter + 1)) && TryCompose(points[starter], point) is { } composed)
            {
                points[starter] = composed;
                continue;
            }

            if (ccc == 0)
            {
                starter = write;
            }

            lastClass = ccc;
            points[write++] = point;
        }

        points.RemoveRange(write, points.Count - write);
    }

    private static int? TryCompose(int first, int second)
    {
        if (first is >= LeadBase and < LeadBase + LeadCount && second is >= VowelBase and < VowelBase + VowelCount)
        {
            return HangulBase + ((((first - LeadBase) * VowelCount) + (second - VowelBase)) * TrailCount);
        }

        if (first is >= HangulBase and < HangulBase + SyllableCount && (first - HangulBase) % TrailCount == 0 &&
            second is > TrailBase and < TrailBase + TrailCount)
        {
            return first + (second - TrailBase);
        }

        return Compositions.TryGetValue((first, second), out var composite) ? composite : null;
    }

    private static int ClassOf(int point) => CombiningClasses.TryGetValue(point, out var ccc) ? ccc : 0;

    private static Dictionary<(int, int), int> BuildCompositions()
    {
        var excluded = UnicodeNormalizationData.CompositionExclusions.Split(';').Select(Hex).ToHashSet();
        return Parse(UnicodeNormalizationData.Decompositions)
            .Where(e => e.Parts.Length == 2 && !excluded.Contains(e.Code))
            .ToDictionary(e => (e.Parts[0], e.Parts[1]), e => e.Code);
    }

    private static IEnumerable<(int Code, int[] Parts)> Parse(string table) =>
        table.Split(';').Select(entry => entry.Split('=')).Select(pair => (Hex(pair[0]), pair[1].Split(' ').Select(Hex).ToArray()));

    private static Dictionary<int, byte> ParseClasses(string table)
    {
        var classes = new Dictionary<int, byte>();
        foreach (var entry in table.Split(';'))
        {
            var (range, ccc) = (entry.Split(':')[0], byte.Parse(entry.Split(':')[1], CultureInfo.InvariantCulture));
            var bounds = range.Split('-');
            for (var point = Hex(bounds[0]); point <= Hex(bounds[^1]); point++)
            {
                classes[point] = ccc;
            }
        }

        return classes;
    }

    private static int Hex(string text) => int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
