using System.Globalization;

namespace Auth.Api.Admin;

/// <summary>A time as the admin API writes it: UTC, ISO 8601, to the second.</summary>
public static class AdminTime
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
