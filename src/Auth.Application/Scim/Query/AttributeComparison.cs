using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;

namespace Auth.Application.Scim.Query;

/// <summary>
/// Builds the condition for one attribute comparison (RFC 7644 §3.4.2.2, Table 3) from the column it reads, using
/// only what EF Core translates to SQL on SQLite and PostgreSQL. Comparison values always become SQL parameters.
/// </summary>
internal static class AttributeComparison
{
    private static readonly MethodInfo ToUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;
    private static readonly MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo EndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo Substring = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly Expression NullString = Expression.Constant(null, typeof(string));
    private static readonly Expression Zero = Expression.Constant(0);

    // xsd:dateTime (RFC 7643 §2.3.5) with or without fractional seconds; without an offset the time is UTC.
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <param name="column">The column, already read from the resource or from one value of a multi-valued attribute.</param>
    /// <param name="name">The attribute as the filter wrote it, for error messages.</param>
    public static Result<Expression> Build(Expression column, AttributeKind kind, ComparisonFilter comparison, string name)
    {
        if (comparison.Operator == ComparisonOperator.Present)
            return Present(column, kind);

        var value = comparison.Value!;
        if (value.Kind == ScimValueKind.Null)
        {
            // "eq null" asks for an absent value and "ne null" for a present one; nothing else compares with null.
            return comparison.Operator switch
            {
                ComparisonOperator.Equal => Expression.Not(Present(column, kind)),
                ComparisonOperator.NotEqual => Present(column, kind),
                _ => ScimErrors.InvalidFilter($"The operator '{comparison.Operator.ToKeyword()}' cannot compare '{name}' with null."),
            };
        }

        return kind switch
        {
            AttributeKind.Boolean => CompareBoolean(column, comparison.Operator, value, name),
            AttributeKind.DateTime => CompareDateTime(column, comparison.Operator, value, name),
            _ => CompareString(column, kind, comparison.Operator, value, name),
        };
    }

    /// <summary><c>pr</c>: a string that is neither null nor empty; booleans and timestamps here always have a value.</summary>
    public static Expression Present(Expression column, AttributeKind kind) =>
        kind is AttributeKind.Boolean or AttributeKind.DateTime
            ? Expression.Constant(true)
            : Expression.AndAlso(Expression.NotEqual(column, NullString), Expression.NotEqual(column, Expression.Constant(string.Empty)));

    private static Result<Expression> CompareString(
        Expression column, AttributeKind kind, ComparisonOperator comparison, ScimValue value, string name)
    {
        if (value.Kind != ScimValueKind.Text)
            return ScimErrors.InvalidFilter($"The attribute '{name}' is a string: compare it with a quoted value, not {value.Kind.ToString().ToLowerInvariant()}.");

        // caseExact false (RFC 7643 §2.1): both sides upper-cased; normalized columns are stored upper-cased already.
        var text = kind switch
        {
            AttributeKind.CaseExactString => value.Text!,
            AttributeKind.UserName => Domain.Users.UserNameRule.ComparisonKey(value.Text!),
            _ => value.Text!.ToUpperInvariant(),
        };
        var parameter = QueryParameter.For(text);
        var compared = kind == AttributeKind.CaseIgnoredString ? Expression.Call(column, ToUpper) : column;

        Expression matches = comparison switch
        {
            ComparisonOperator.Equal or ComparisonOperator.NotEqual => Expression.Equal(compared, parameter),
            ComparisonOperator.Contains => Expression.Call(compared, Contains, parameter),
            ComparisonOperator.StartsWith when kind == AttributeKind.CaseExactString => CaseExactStartsWith(column, text, parameter),
            ComparisonOperator.EndsWith when kind == AttributeKind.CaseExactString => CaseExactEndsWith(column, text, parameter),
            ComparisonOperator.StartsWith when kind is AttributeKind.NormalizedString or AttributeKind.UserName => IndexedStartsWith(column, text, parameter),
            ComparisonOperator.StartsWith => Expression.Call(compared, StartsWith, parameter),
            ComparisonOperator.EndsWith => Expression.Call(compared, EndsWith, parameter),
            ComparisonOperator.GreaterThan => Expression.GreaterThan(Expression.Call(Compare, compared, parameter), Zero),
            ComparisonOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(Expression.Call(Compare, compared, parameter), Zero),
            ComparisonOperator.LessThan => Expression.LessThan(Expression.Call(Compare, compared, parameter), Zero),
            ComparisonOperator.LessThanOrEqual => Expression.LessThanOrEqual(Expression.Call(Compare, compared, parameter), Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
        };

        // RFC 7644 §3.4.2.2 leaves "ne" on a missing value open; an absent value is not equal to anything, so it matches.
        // The null checks also keep the compiled predicate from calling ToUpper on null in memory.
        return comparison == ComparisonOperator.NotEqual
            ? Expression.OrElse(Expression.Equal(column, NullString), Expression.Not(matches))
            : Expression.AndAlso(Expression.NotEqual(column, NullString), matches);
    }

    // EF Core turns StartsWith and EndsWith into LIKE, which ignores ASCII case on SQLite: comparing the prefix or
    // suffix itself keeps case-exact attributes case-exact on every database (the LIKE still narrows the rows first).
    private static BinaryExpression CaseExactStartsWith(Expression column, string text, Expression parameter) =>
        Expression.AndAlso(
            Expression.Call(column, StartsWith, parameter),
            Expression.Equal(Expression.Call(column, Substring, Zero, QueryParameter.For(text.Length)), parameter));

    // An index on a normalized column serves a prefix as a range, on SQLite too (whose LIKE cannot use a binary
    // index): [prefix, prefix with its last character incremented). The LIKE keeps the meaning exact; the columns
    // compare ordinally on both databases (PostgreSQL gives them the C collation).
    private static Expression IndexedStartsWith(Expression column, string text, Expression parameter)
    {
        var like = Expression.Call(column, StartsWith, parameter);
        if (text.Length == 0 || text[^1] == char.MaxValue || char.IsSurrogate(text[^1]))
        {
            return like;
        }

        var upper = QueryParameter.For(text[..^1] + (char)(text[^1] + 1));
        return Expression.AndAlso(
            Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Call(Compare, column, parameter), Zero),
                Expression.LessThan(Expression.Call(Compare, column, upper), Zero)),
            like);
    }

    private static BinaryExpression CaseExactEndsWith(Expression column, string text, Expression parameter)
    {
        var length = QueryParameter.For(text.Length);
        var start = Expression.Subtract(Expression.Property(column, nameof(string.Length)), length);
        return Expression.AndAlso(
            Expression.Call(column, EndsWith, parameter),
            Expression.Equal(Expression.Call(column, Substring, start, length), parameter));
    }

    private static Result<Expression> CompareBoolean(Expression column, ComparisonOperator comparison, ScimValue value, string name)
    {
        if (comparison is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
            return ScimErrors.InvalidFilter($"The attribute '{name}' is a boolean: only 'eq', 'ne' and 'pr' apply to it, not '{comparison.ToKeyword()}'.");
        if (value.Kind != ScimValueKind.Boolean)
            return ScimErrors.InvalidFilter($"The attribute '{name}' is a boolean: compare it with true or false.");

        var parameter = QueryParameter.For(value.Boolean!.Value);
        return comparison == ComparisonOperator.Equal ? Expression.Equal(column, parameter) : Expression.NotEqual(column, parameter);
    }

    private static Result<Expression> CompareDateTime(Expression column, ComparisonOperator comparison, ScimValue value, string name)
    {
        if (comparison is ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.EndsWith)
            return ScimErrors.InvalidFilter($"The attribute '{name}' is a date-time: '{comparison.ToKeyword()}' does not apply to it.");
        if (value.Kind != ScimValueKind.Text || !TryParseDateTime(value.Text!, out var instant))
            return ScimErrors.InvalidFilter($"The attribute '{name}' is a date-time: compare it with an ISO 8601 value such as \"2011-05-13T04:42:34Z\".");

        // meta.created and meta.lastModified are written to the millisecond (ScimMeta) and stored finer, so a value
        // stands for its whole millisecond: eq is [t, t + 1 ms), gt is from t + 1 ms, le is before t + 1 ms. A client
        // that filters by a timestamp the server gave it finds that resource, and gt never finds it again.
        // Stored in UTC; Npgsql accepts only offset zero for timestamp with time zone.
        var start = new DateTimeOffset(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var from = QueryParameter.For(start);
        var until = QueryParameter.For(start < DateTimeOffset.MaxValue.AddMilliseconds(-1) ? start.AddMilliseconds(1) : DateTimeOffset.MaxValue);
        return comparison switch
        {
            ComparisonOperator.Equal => Expression.AndAlso(Expression.GreaterThanOrEqual(column, from), Expression.LessThan(column, until)),
            ComparisonOperator.NotEqual => Expression.OrElse(Expression.LessThan(column, from), Expression.GreaterThanOrEqual(column, until)),
            ComparisonOperator.GreaterThan => Expression.GreaterThanOrEqual(column, until),
            ComparisonOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(column, from),
            ComparisonOperator.LessThan => Expression.LessThan(column, from),
            ComparisonOperator.LessThanOrEqual => Expression.LessThan(column, until),
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
        };
    }

    private static bool TryParseDateTime(string text, out DateTimeOffset instant)
    {
        var parsed = DateTimeOffset.TryParseExact(
            text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
        instant = instant.ToUniversalTime();
        return parsed;
    }
}
