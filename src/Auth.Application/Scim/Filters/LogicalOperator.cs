namespace Auth.Application.Scim.Filters;

/// <summary>
/// The binary logical operators of RFC 7644 §3.4.2.2, Table 4 (<c>and</c>, <c>or</c>; any case in input).
/// <c>not</c> is unary and has its own node, <see cref="NotFilter"/>.
/// </summary>
public enum LogicalOperator
{
    And,
    Or,
}
