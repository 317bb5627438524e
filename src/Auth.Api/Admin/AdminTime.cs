using System.Globalization;

namespace Auth.Api.Admin;

/// <summary>A time as the admin API writes it (UTC, ISO 8601, to the second), and a duration as operators give it.</summary>
public static class AdminTime
{
    private const long LongestSeconds = 3_153_600_000; // 100 years

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// A duration given in whole seconds (a body's <c>valid_for</c>, <c>expires_in</c>, or days from the command line),
    /// clamped to -1 s and 100 years so that TimeSpan cannot overflow: the use case refuses what is outside its own
    /// range, with its rule.
    /// </summary>
    public static TimeSpan? Duration(long? seconds) => seconds is { } given ? TimeSpan.FromSeconds(Math.Clamp(given, -1, LongestSeconds)) : null;
}
