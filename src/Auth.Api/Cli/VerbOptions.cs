using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Auth.Api.Cli;

/// <summary>
/// The kinds of option the verbs take. A value that is missing or of the wrong kind is a mistake in how the verb was
/// called (exit code 2); whether a well-formed value is acceptable is the use case's rule (exit code 1).
/// </summary>
public static partial class VerbOptions
{
    /// <summary>A value the verb cannot do without; an empty one counts as missing.</summary>
    public static Option<string> Required(string name, string helpName, string description)
    {
        var option = new Option<string>(name) { Required = true, HelpName = helpName, Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => token.Value.Length == 0))
            {
                result.AddError($"{name} needs a value.");
            }
        });
        return option;
    }

    public static Option<string> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    /// <summary>Repeatable (<c>--scope a --scope b</c>), and each value may itself be a comma- or space-separated list.</summary>
    public static Option<string[]> List(string name, string helpName, string description, bool required = false) => new(name)
    {
        HelpName = helpName,
        Description = description + " Repeatable, or a list separated by commas or spaces.",
        Required = required,
        CustomParser = result => [.. result.Tokens.SelectMany(token => token.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))],
    };

    /// <summary>
    /// Repeatable URIs (<c>--redirect-uri a --redirect-uri b</c>), each value itself a list separated by spaces or by
    /// commas that begin another URI (<c>https://a/cb,https://b/cb</c>): a comma inside a URI's query
    /// (<c>?set=a,b</c>) stays the URI's.
    /// </summary>
    public static Option<string[]> UriList(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description + " Repeatable, or a list separated by spaces or commas (a comma inside a URI stays its own unless a scheme follows it).",
        CustomParser = result => [.. result.Tokens.SelectMany(token => NextUri().Split(token.Value))
            .SelectMany(piece => piece.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
    };

    /// <summary>
    /// Repeatable <c>KEY=VALUE</c> pairs (<c>--role admin="IT Admins"</c>), split at the first '='; a value may hold
    /// spaces and commas, so it is never split further.
    /// </summary>
    public static Option<string[]> Pairs(string name, string helpName, string description)
    {
        var option = new Option<string[]>(name) { HelpName = helpName, Description = description + " Repeatable." };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => token.Value.IndexOf('=', StringComparison.Ordinal) is <= 0 || token.Value.EndsWith('=')))
            {
                result.AddError($"{name} takes {helpName}, e.g. {name} admin=Administrators; '{token.Value}' is not.");
            }
        });
        return option;
    }

    /// <summary>Pairs of <see cref="Pairs"/>, grouped by key in the order given.</summary>
    public static Dictionary<string, IReadOnlyList<string>> GroupPairs(IEnumerable<string> pairs) =>
        pairs.Select(pair => pair.Split('=', 2))
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, IReadOnlyList<string> (group) => [.. group.Select(parts => parts[1])], StringComparer.Ordinal);

    /// <summary>A switch: present or not, it takes no value (<c>--third-party false</c> is refused, not read as true).</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Arity = ArgumentArity.Zero, Description = description };

    public static Option<int?> Number(string name, string helpName, string description, string rule) =>
        Parsed<int>(name, helpName, description, rule, text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null);

    public static Option<long?> PositiveNumber(string name, string helpName, string description) =>
        Parsed<long>(name, helpName, description, $"{name} is a positive whole number.", text =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= int.MaxValue ? number : null);

    public static Option<DateTimeOffset?> Time(string name, string helpName, string description) =>
        Parsed<DateTimeOffset>(name, helpName, description, $"{name} is an ISO 8601 time, e.g. 2026-11-25T12:00:00Z.", text =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null);

    /// <summary>A duration as seconds: a whole number with a unit, s, m, h or d (<c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>).</summary>
    public static Option<int?> Duration(string name, string description) =>
        Parsed<int>(name, "DURATION", description, $"{name} is a whole number with a unit: s, m, h or d (e.g. 12h).", text =>
            text.Length > 1 && "smhd".Contains(text[^1], StringComparison.Ordinal) &&
            int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) &&
            (long)number * (text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3_600, _ => 86_400 }) is var seconds && seconds <= int.MaxValue
                ? (int)seconds
                : null);

    private static Option<T?> Parsed<T>(string name, string helpName, string description, string rule, Func<string, T?> parse)
        where T : struct => new(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = result => parse(Last(result)) is { } value ? value : Refuse<T>(result, rule),
        };

    private static string Last(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static T? Refuse<T>(ArgumentResult result, string rule)
        where T : struct
    {
        result.AddError(rule);
        return null;
    }

    // A comma followed (after any spaces) by a scheme and its colon (RFC 3986 §3.1) starts another URI.
    [GeneratedRegex(",(?=\\s*[A-Za-z][A-Za-z0-9+.-]*:)")]
    private static partial Regex NextUri();
}
