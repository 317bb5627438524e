using System.Linq.Expressions;

namespace Auth.Application.Scim.Query;

/// <summary>
/// Puts a value taken from a filter into an expression tree so that EF Core sends it as a SQL parameter.
/// </summary>
/// <remarks>
/// EF Core prints a <see cref="ConstantExpression"/> into the SQL text as a literal, but evaluates a member read on
/// a captured object (what a C# closure compiles to) and binds the result as a parameter. Client text therefore
/// only ever reaches the database as a parameter: quotes cannot end a literal, and EF Core escapes LIKE wildcards
/// in parameters it passes to Contains/StartsWith/EndsWith.
/// </remarks>
internal static class QueryParameter
{
    public static Expression For<T>(T value) =>
        Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }
}
