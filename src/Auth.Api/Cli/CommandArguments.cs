namespace Auth.Api.Cli;

/// <summary>
/// The words of a command-line verb: positional words first (<c>clients add</c>), then <c>--name value</c> pairs,
/// where a name may repeat (<c>--scope a --scope b</c>) and a name without a value is a flag.
/// </summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.OrdinalIgnoreCase);

    public CommandArguments(IReadOnlyList<string> args)
    {
        var i = 0;
        var words = new List<string>();
        while (i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal))
        {
            words.Add(args[i++]);
        }

        Words = words;
        while (i < args.Count)
        {
            var name = args[i++];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                throw new CommandLineException($"Unexpected argument '{name}'.");
            }

            string key, value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 2)
            {
                key = name[2..equals];
                value = name[(equals + 1)..];
            }
            else
            {
                key = name[2..];
                value = i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal) ? args[i++] : string.Empty;
            }

            if (!_options.TryGetValue(key, out var values))
            {
                _options[key] = values = [];
            }

            values.Add(value);
        }
    }

    public IReadOnlyList<string> Words { get; }

    public string Word(int index) => index < Words.Count ? Words[index] : string.Empty;

    public string? Value(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public string Required(string name) =>
        Value(name) is { Length: > 0 } value ? value : throw new CommandLineException($"--{name} is required.");

    public IReadOnlyList<string> Values(string name) =>
        _options.TryGetValue(name, out var values)
            ? values.SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)).ToList()
            : [];

    public bool Flag(string name) => _options.ContainsKey(name);
}
