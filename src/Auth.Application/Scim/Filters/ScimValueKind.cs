namespace Auth.Application.Scim.Filters;

/// <summary>The JSON types a filter's comparison value can take (compValue, RFC 7644 §3.4.2.2).</summary>
public enum ScimValueKind
{
    /// <summary>A JSON string (named Text so it does not read as the .NET type).</summary>
    Text,
    Number,
    Boolean,
    Null,
}
