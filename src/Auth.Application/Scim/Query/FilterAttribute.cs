using System.Linq.Expressions;

namespace Auth.Application.Scim.Query;

/// <summary>How a filter compares an attribute's stored column (RFC 7643 §2.3 attribute types and caseExact).</summary>
internal enum AttributeKind
{
    /// <summary>A string compared as stored (caseExact true), such as id and externalId.</summary>
    CaseExactString,

    /// <summary>A string compared ignoring case: the column is upper-cased in SQL and the value in .NET.</summary>
    CaseIgnoredString,

    /// <summary>A string ignoring case whose column already holds the upper-invariant form, so its index serves eq and sw.</summary>
    NormalizedString,

    /// <summary>A user name: the column holds its comparison key (UserNameRule), and the value is keyed the same way.</summary>
    UserName,

    Boolean,

    /// <summary>A dateTime (RFC 7643 §2.3.5), compared as an instant.</summary>
    DateTime,
}

/// <summary>An attribute a filter may name, as the resource type exposes it.</summary>
internal abstract record FilterAttribute;

/// <summary>A single-valued attribute: one column of the resource, or of one value of a multi-valued attribute.</summary>
/// <param name="Column">Reads the column from the resource (or the value), e.g. <c>u =&gt; u.DisplayName</c>.</param>
internal sealed record ScalarAttribute(LambdaExpression Column, AttributeKind Kind) : FilterAttribute
{
    public static ScalarAttribute CaseExact<T>(Expression<Func<T, string?>> column) => new(column, AttributeKind.CaseExactString);

    public static ScalarAttribute CaseIgnored<T>(Expression<Func<T, string?>> column) => new(column, AttributeKind.CaseIgnoredString);

    public static ScalarAttribute Normalized<T>(Expression<Func<T, string?>> column) => new(column, AttributeKind.NormalizedString);

    public static ScalarAttribute UserName<T>(Expression<Func<T, string?>> column) => new(column, AttributeKind.UserName);

    public static ScalarAttribute Boolean<T>(Expression<Func<T, bool>> column) => new(column, AttributeKind.Boolean);

    public static ScalarAttribute DateTime<T>(Expression<Func<T, DateTimeOffset>> column) => new(column, AttributeKind.DateTime);

    /// <summary>The column read from <paramref name="source"/> instead of the lambda's own parameter.</summary>
    public Expression ReadFrom(Expression source) => Rebind(Column, source);

    internal static Expression Rebind(LambdaExpression lambda, Expression source) =>
        new ParameterReplacer(lambda.Parameters[0], source).Visit(lambda.Body);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}

/// <summary>
/// A multi-valued complex attribute (RFC 7643 §2.4) stored as a collection, such as emails. A filter on it matches
/// when any one value matches (RFC 7644 §3.4.2.2); naming it without a sub-attribute means its <c>value</c>.
/// </summary>
/// <param name="Collection">Reads the collection from the resource, e.g. <c>u =&gt; u.Emails</c>.</param>
/// <param name="SubAttributes">The sub-attributes by name (case-insensitive), each read from one value.</param>
internal sealed record MultiValuedAttribute(
    LambdaExpression Collection, Type ValueType, IReadOnlyDictionary<string, ScalarAttribute> SubAttributes) : FilterAttribute
{
    public const string DefaultSubAttribute = "value";

    public static MultiValuedAttribute Of<T, TValue>(
        Expression<Func<T, IEnumerable<TValue>>> collection, params (string Name, ScalarAttribute Attribute)[] subAttributes) =>
        new(collection, typeof(TValue), subAttributes.ToDictionary(s => s.Name, s => s.Attribute, StringComparer.OrdinalIgnoreCase));

    public ParameterExpression NewValueParameter() => Expression.Parameter(ValueType, "value");

    /// <summary><c>collection.Any(value =&gt; condition)</c>, which EF Core translates to EXISTS.</summary>
    public Expression Any(Expression resource, ParameterExpression value, Expression condition) =>
        Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Any), [ValueType], ScalarAttribute.Rebind(Collection, resource), Expression.Lambda(condition, value));

    /// <summary><c>collection.Any()</c>: the attribute has at least one value.</summary>
    public Expression AnyValue(Expression resource) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [ValueType], ScalarAttribute.Rebind(Collection, resource));
}
