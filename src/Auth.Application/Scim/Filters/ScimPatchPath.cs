namespace Auth.Application.Scim.Filters;

/// <summary>
/// The target of a PATCH operation: PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2), e.g.
/// <c>name.givenName</c>, <c>members[value eq "2819c223"]</c>, <c>emails[type eq "work"].value</c>.
/// </summary>
/// <param name="Attribute">The attribute, with its own sub-attribute when there is no value filter (<c>name.givenName</c>).</param>
/// <param name="ValueFilter">The filter in brackets that selects values of a multi-valued attribute, or null.</param>
/// <param name="SubAttribute">The sub-attribute after the brackets (<c>value</c> in <c>emails[...].value</c>), or null.</param>
public sealed record ScimPatchPath(AttributePath Attribute, ScimFilter? ValueFilter = null, string? SubAttribute = null)
{
    public override string ToString() =>
        (ValueFilter, SubAttribute) switch
        {
            (null, _) => Attribute.ToString(),
            (_, null) => $"{Attribute}[{ValueFilter}]",
            _ => $"{Attribute}[{ValueFilter}].{SubAttribute}",
        };
}
