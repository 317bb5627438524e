using System.Linq.Expressions;
using System.Reflection;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// A copy of an entity's stored columns (its settable string and value-typed properties) in a new instance that no
/// context tracks and that shares nothing with the original: navigation collections stay the new instance's own,
/// empty ones. Node-wide catalogs keep such copies and hand out copies of them, so no request can change what
/// another one reads.
/// </summary>
public static class DetachedCopy<T>
    where T : class
{
    private static readonly Func<T, T> Copier = Build();

    public static T Of(T entity) => Copier(entity);

    private static Func<T, T> Build()
    {
        var source = Expression.Parameter(typeof(T), "source");
        var columns = typeof(T)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p is { CanRead: true, CanWrite: true } && p.SetMethod!.IsPublic &&
                        (p.PropertyType == typeof(string) || p.PropertyType.IsValueType))
            .Select(p => Expression.Bind(p, Expression.Property(source, p)));
        var copy = Expression.MemberInit(Expression.New(typeof(T)), columns);
        return Expression.Lambda<Func<T, T>>(copy, source).Compile();
    }
}
