namespace Auth.Application.Scim.Filters;

/// <summary>The two-letter words that spell each <see cref="ComparisonOperator"/> in a filter.</summary>
public static class ComparisonOperatorKeyword
{
    private static readonly ComparisonOperator[] All = Enum.GetValues<ComparisonOperator>();

    public static string ToKeyword(this ComparisonOperator comparison) => comparison switch
    {
        ComparisonOperator.Equal => "eq",
        ComparisonOperator.NotEqual => "ne",
        ComparisonOperator.Contains => "co",
        ComparisonOperator.StartsWith => "sw",
        ComparisonOperator.EndsWith => "ew",
        ComparisonOperator.Present => "pr",
        ComparisonOperator.GreaterThan => "gt",
        ComparisonOperator.GreaterThanOrEqual => "ge",
        ComparisonOperator.LessThan => "lt",
        ComparisonOperator.LessThanOrEqual => "le",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
    };

    /// <summary>Reads an operator word ignoring case: RFC 7644 §3.4.2.2 makes operators case-insensitive.</summary>
    public static bool TryParse(ReadOnlySpan<char> word, out ComparisonOperator comparison)
    {
        foreach (var candidate in All)
        {
            if (word.Equals(candidate.ToKeyword(), StringComparison.OrdinalIgnoreCase))
            {
                comparison = candidate;
                return true;
            }
        }

        comparison = default;
        return false;
    }
}
