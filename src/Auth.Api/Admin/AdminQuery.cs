using System.Globalization;

namespace Auth.Api.Admin;

/// <summary>
/// Reading an admin API list's query string, the same way on every route: each parameter at most once, empty text as
/// absent, <c>count</c> a whole number (its range is the use case's validator's to check, for HTTP and the CLI alike).
/// </summary>
public static class AdminQuery
{
    public const string RepeatedParameter = "Each parameter may appear once.";

    public static bool RepeatsAParameter(IQueryCollection query) => query.Any(p => p.Value.Count > 1);

    public static string? Text(IQueryCollection query, string name) => query[name] is [{ Length: > 0 } value] ? value : null;

    /// <summary>False when <c>count</c> is given and is not a whole number; <paramref name="count"/> keeps its default when absent.</summary>
    public static bool TryCount(IQueryCollection query, ref int count) =>
        query["count"] is not [{ } text] || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);
}
