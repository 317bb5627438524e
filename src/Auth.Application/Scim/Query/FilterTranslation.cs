using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;

namespace Auth.Application.Scim.Query;

/// <summary>
/// Turns a <see cref="ScimFilter"/> into a predicate over <typeparamref name="T"/> that EF Core translates to SQL,
/// so that filtering happens in the database, never in memory. Names the schema does not know, and operators an
/// attribute's type does not support, are <c>invalidFilter</c> errors (RFC 7644 §3.4.2.2).
/// </summary>
/// <remarks>
/// The parser bounds a tree's depth (<see cref="ScimFilterLimits"/>), so walking it recursively is safe.
/// </remarks>
internal sealed class FilterTranslation<T>(FilterSchema schema)
{
    public Result<Expression<Func<T, bool>>> Translate(ScimFilter filter)
    {
        var resource = Expression.Parameter(typeof(T), "resource");
        var body = Walk(filter, comparison => Compare(comparison, resource), valuePath => MatchAnyValue(valuePath, resource));
        return body.Succeeded ? Expression.Lambda<Func<T, bool>>(body.Value, resource) : body.Error;
    }

    private static Result<Expression> Walk(
        ScimFilter filter, Func<ComparisonFilter, Result<Expression>> compare, Func<ValuePathFilter, Result<Expression>> matchAnyValue)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                return compare(comparison);
            case ValuePathFilter valuePath:
                return matchAnyValue(valuePath);
            case NotFilter not:
                var inner = Walk(not.Inner, compare, matchAnyValue);
                return inner.Succeeded ? Expression.Not(inner.Value) : inner.Error;
            case LogicalFilter logical:
                var left = Walk(logical.Left, compare, matchAnyValue);
                if (!left.Succeeded)
                    return left.Error;
                var right = Walk(logical.Right, compare, matchAnyValue);
                if (!right.Succeeded)
                    return right.Error;
                return logical.Operator == LogicalOperator.And
                    ? Expression.AndAlso(left.Value, right.Value)
                    : Expression.OrElse(left.Value, right.Value);
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown filter node.");
        }
    }

    private Result<Expression> Compare(ComparisonFilter comparison, ParameterExpression resource)
    {
        var resolved = schema.Resolve(comparison.Path);
        if (!resolved.Succeeded)
            return resolved.Error;

        var (scalar, owner) = resolved.Value;
        var name = comparison.Path.ToString();
        if (owner is null)
            return AttributeComparison.Build(scalar.ReadFrom(resource), scalar.Kind, comparison, name);

        // "emails pr": the user has an email at all.
        if (comparison.Operator == ComparisonOperator.Present && comparison.Path.SubAttribute is null)
            return owner.AnyValue(resource);

        // Without brackets a comparison on a multi-valued attribute matches when any one value matches (RFC 7644 §3.4.2.2).
        var value = owner.NewValueParameter();
        var condition = AttributeComparison.Build(scalar.ReadFrom(value), scalar.Kind, comparison, name);
        return condition.Succeeded ? owner.Any(resource, value, condition.Value) : condition.Error;
    }

    // emails[type eq "work" and value co "@example.com"]: one and the same email must satisfy the whole bracket.
    private Result<Expression> MatchAnyValue(ValuePathFilter valuePath, ParameterExpression resource)
    {
        var resolved = schema.ResolveMultiValued(valuePath.Path);
        if (!resolved.Succeeded)
            return resolved.Error;

        var owner = resolved.Value;
        var value = owner.NewValueParameter();
        var condition = Walk(
            valuePath.Filter,
            comparison => CompareSubAttribute(valuePath.Path, owner, comparison, value),
            nested => ScimErrors.InvalidFilter($"Value filters cannot be nested ('{nested.Path}')."));
        return condition.Succeeded ? owner.Any(resource, value, condition.Value) : condition.Error;
    }

    private Result<Expression> CompareSubAttribute(
        AttributePath ownerPath, MultiValuedAttribute owner, ComparisonFilter comparison, ParameterExpression value)
    {
        var path = comparison.Path;
        var name = $"{ownerPath}.{path}";
        if (path.SchemaUrn is not null || path.SubAttribute is not null || !owner.SubAttributes.TryGetValue(path.Attribute, out var sub))
            return ScimErrors.InvalidFilter($"The filter names '{name}', which is not a {schema.ResourceName} attribute that filters support.");
        return AttributeComparison.Build(sub.ReadFrom(value), sub.Kind, comparison, name);
    }
}
