namespace Auth.Application.Scim.Filters;

/// <summary>
/// The syntax tree of a SCIM filter (RFC 7644 §3.4.2.2). <see cref="ScimFilterParser"/> builds it within
/// <see cref="ScimFilterLimits"/>, so its depth stays below MaxDepth + MaxComparisons and recursive walks are safe.
/// <c>ToString()</c> prints a filter that parses back to the same tree, with every nested and/or parenthesised.
/// </summary>
public abstract record ScimFilter
{
    public abstract override string ToString();

    private protected static string Operand(ScimFilter filter) => filter is LogicalFilter ? $"({filter})" : filter.ToString();
}

/// <summary>attrExp: <c>attrPath SP compareOp SP compValue</c>, or <c>attrPath SP "pr"</c> where <see cref="Value"/> is null.</summary>
public sealed record ComparisonFilter(AttributePath Path, ComparisonOperator Operator, ScimValue? Value) : ScimFilter
{
    public override string ToString() =>
        Value is null ? $"{Path} {Operator.ToKeyword()}" : $"{Path} {Operator.ToKeyword()} {Value}";
}

/// <summary>logExp: <c>FILTER SP ("and" / "or") SP FILTER</c>.</summary>
public sealed record LogicalFilter(LogicalOperator Operator, ScimFilter Left, ScimFilter Right) : ScimFilter
{
    public override string ToString() =>
        $"{Operand(Left)} {(Operator == LogicalOperator.And ? "and" : "or")} {Operand(Right)}";
}

/// <summary><c>"not" "(" FILTER ")"</c>.</summary>
public sealed record NotFilter(ScimFilter Inner) : ScimFilter
{
    public override string ToString() => $"not ({Inner})";
}

/// <summary>
/// valuePath: <c>attrPath "[" valFilter "]"</c>, e.g. <c>emails[type eq "work" and value co "@example.com"]</c>:
/// true when one value of the multi-valued <see cref="Path"/> matches <see cref="Filter"/>, whose attribute
/// paths are relative to that value (<c>type</c> means <c>emails.type</c> of the same email).
/// </summary>
public sealed record ValuePathFilter(AttributePath Path, ScimFilter Filter) : ScimFilter
{
    public override string ToString() => $"{Path}[{Filter}]";
}
