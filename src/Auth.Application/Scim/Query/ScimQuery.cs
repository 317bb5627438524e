using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim.Query;

/// <summary>
/// A listing's filter and order (RFC 7644 §3.4.2.2, §3.4.2.3) made into a database query, or the error to answer;
/// and the page it asks for (§3.4.2.4): the page read, and the total counted when the page does not show it.
/// </summary>
public static class ScimQuery
{
    public static Task<Result<ScimPage<T>>> PageAsync<T>(
        IQueryable<T> source,
        ScimListParameters parameters,
        Func<ScimFilter, Result<Expression<Func<T, bool>>>> translate,
        Func<string?, string?, Result<Func<IQueryable<T>, IOrderedQueryable<T>>>> sort,
        CancellationToken cancellationToken) =>
        PageAsync(source, parameters, translate, sort, rows => rows, cancellationToken);

    /// <param name="load">What the page's rows bring with them (an Include); the count does without.</param>
    public static async Task<Result<ScimPage<T>>> PageAsync<T>(
        IQueryable<T> source,
        ScimListParameters parameters,
        Func<ScimFilter, Result<Expression<Func<T, bool>>>> translate,
        Func<string?, string?, Result<Func<IQueryable<T>, IOrderedQueryable<T>>>> sort,
        Func<IQueryable<T>, IQueryable<T>> load,
        CancellationToken cancellationToken)
    {
        var built = Build(source, parameters.Filter, translate, sort(parameters.SortBy, parameters.Descending ? "descending" : "ascending"));
        if (!built.Succeeded)
        {
            return built.Error;
        }

        var (filtered, order) = built.Value;
        var page = parameters.Count == 0
            ? []
            : await order(load(filtered)).Skip(parameters.StartIndex - 1).Take(parameters.Count).ToListAsync(cancellationToken);
        var total = TotalShownBy(page.Count, parameters) ?? await filtered.CountAsync(cancellationToken);
        return new ScimPage<T>(total, parameters.StartIndex, page);
    }

    // A page shorter than asked for is the last one: the rows before it and on it are all there are, so the count
    // query is needed only for a full page, an empty page past the first, or count=0. A userName eq lookup answers
    // with one query instead of two.
    private static int? TotalShownBy(int rows, ScimListParameters parameters) =>
        rows < parameters.Count && (rows > 0 || parameters.StartIndex == 1)
            ? parameters.StartIndex - 1 + rows
            : null;

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
