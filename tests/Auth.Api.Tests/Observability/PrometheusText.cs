using System.Globalization;
using System.Text.RegularExpressions;

namespace Auth.Api.Tests.Observability;

/// <summary>Reads samples out of the Prometheus text exposition format.</summary>
public static partial class PrometheusText
{
    /// <summary>The sum of every sample of the metric whose labels include all the given ones (0 when there is none).</summary>
    public static double Sum(string text, string metric, params (string Name, string Value)[] labels)
    {
        double total = 0;
        foreach (Match sample in Sample().Matches(text))
        {
            if (sample.Groups["name"].Value != metric)
            {
                continue;
            }

            var present = Labels(sample.Groups["labels"].Value);
            if (labels.All(l => present.TryGetValue(l.Name, out var v) && v == l.Value))
            {
                total += double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>Every label value of every sample of the metric.</summary>
    public static IEnumerable<Dictionary<string, string>> LabelSets(string text, string metric) =>
        Sample().Matches(text).Where(m => m.Groups["name"].Value == metric).Select(m => Labels(m.Groups["labels"].Value));

    private static Dictionary<string, string> Labels(string labels) =>
        Label().Matches(labels).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[^ \n]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
