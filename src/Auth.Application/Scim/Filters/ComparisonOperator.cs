namespace Auth.Application.Scim.Filters;

/// <summary>The attribute operators of RFC 7644 §3.4.2.2, Table 3.</summary>
public enum ComparisonOperator
{
    /// <summary><c>eq</c></summary>
    Equal,

    /// <summary><c>ne</c></summary>
    NotEqual,

    /// <summary><c>co</c></summary>
    Contains,

    /// <summary><c>sw</c></summary>
    StartsWith,

    /// <summary><c>ew</c></summary>
    EndsWith,

    /// <summary><c>pr</c>: the attribute has a non-empty value; takes no comparison value.</summary>
    Present,

    /// <summary><c>gt</c></summary>
    GreaterThan,

    /// <summary><c>ge</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>lt</c></summary>
    LessThan,

    /// <summary><c>le</c></summary>
    LessThanOrEqual,
}
