namespace Auth.Application.Scim.Filters;

/// <summary>
/// Bounds on filters and PATCH paths. They keep hostile input from exhausting the stack (which .NET cannot
/// recover from) or the CPU, and keep the trees small enough for the query translator to walk recursively.
/// </summary>
public static class ScimFilterLimits
{
    /// <summary>Longer text is refused before any parsing.</summary>
    public const int MaxLength = 4096;

    /// <summary>How many groups may enclose one another: each <c>( )</c>, <c>not ( )</c> and <c>[ ]</c> is one level.</summary>
    public const int MaxDepth = 32;

    /// <summary>How many attribute comparisons (including <c>pr</c>) one filter may hold.</summary>
    public const int MaxComparisons = 100;
}
