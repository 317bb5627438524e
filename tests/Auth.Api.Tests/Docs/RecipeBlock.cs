using System.Text.RegularExpressions;

namespace Auth.Api.Tests.Docs;

/// <summary>
/// A fenced code block of a Markdown page. The words after the language say what the recipe test does with it:
/// <c>```sh check</c> runs it; <c>```sh check open</c> runs it and opens the address it printed last in a browser;
/// <c>```sh server</c> starts the server with it; <c>```sh paste</c> stands for something a person pastes, which the
/// test supplies itself; <c>```json output</c> (or any language) is what the check block before it must print, with
/// white space ignored and <c>…</c> standing for any text. Blocks without such a word are illustrations.
/// </summary>
public sealed partial record RecipeBlock(string Page, int Line, string Language, IReadOnlySet<string> Marks, string Text)
{
    public string Where => $"{Page}:{Line}";

    public bool Is(string mark) => Marks.Contains(mark);

    public static IReadOnlyList<RecipeBlock> Read(string path, string page)
    {
        var blocks = new List<RecipeBlock>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var words = lines[i][3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            blocks.Add(new RecipeBlock(page, i + 1, words.FirstOrDefault() ?? string.Empty, words.Skip(1).ToHashSet(StringComparer.Ordinal),
                string.Join('\n', lines[start..end]) + "\n"));
            i = end;
        }

        return blocks;
    }

    /// <summary>Whether <paramref name="output"/> is what this output block shows: white space ignored, … for any text.</summary>
    public bool Shows(string output)
    {
        var parts = Squash(Text).Split('…').Select(Regex.Escape);
        return Regex.IsMatch(Squash(output), "^" + string.Join(".*", parts) + "$", RegexOptions.Singleline);
    }

    private static string Squash(string text) => WhiteSpace().Replace(text, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
