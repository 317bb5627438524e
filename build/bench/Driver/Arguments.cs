using System.Globalization;

namespace Auth.Bench;

/// <summary><c>--name value</c> pairs. The value of <c>--args</c> is taken as it is, even when it starts with <c>--</c>
/// (<c>--args --ephemeral</c>).</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(IEnumerable<string> args)
    {
        var parsed = new Arguments();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && name != "args")
            {
                name = arg[2..];
                parsed._values[name] = "true";
            }
            else if (name is not null)
            {
                parsed._values[name] = arg;
                name = null;
            }
        }

        return parsed;
    }

    public string Text(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
