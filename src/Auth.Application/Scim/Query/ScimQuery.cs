using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;

namespace Auth.Application.Scim.Query;

/// <summary>A listing's filter and order (RFC 7644 §3.4.2.2, §3.4.2.3) made into a database query, or the error to answer.</summary>
public static class ScimQuery
{
    public static Result<(IQueryable<T> Filtered, Func<IQueryable<T>, IOrderedQueryable<T>> Order)> Build<T>(
        IQueryable<T> source,
        string? filter,
        Func<ScimFilter, Result<Expression<Func<T, bool>>>> translate,
        Result<Func<IQueryable<T>, IOrderedQueryable<T>>> order)
    {
        var filtered = source;
        if (filter is not null)
        {
            var parsed = ScimFilterParser.Parse(filter);
            if (!parsed.Succeeded)
            {
                return ScimErrors.InvalidFilter(parsed.Error.Description);
            }

            var predicate = translate(parsed.Value);
            if (!predicate.Succeeded)
            {
                return ScimErrors.InvalidFilter(predicate.Error.Description);
            }

            filtered = filtered.Where(predicate.Value);
        }

        if (!order.Succeeded)
        {
            return ScimErrors.InvalidValue(order.Error.Description);
        }

        return (filtered, order.Value);
    }
}
