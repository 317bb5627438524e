namespace Auth.Application.Scim.Filters;

/// <summary>
/// A reference to an attribute: attrPath = [URI ":"] ATTRNAME *1subAttr (RFC 7644 §3.10), e.g.
/// <c>userName</c>, <c>name.familyName</c>,
/// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value</c>.
/// </summary>
/// <remarks>
/// The parts keep the client's spelling. Equality ignores case, because attribute names are case-insensitive
/// (RFC 7643 §2.1); schema URNs are compared the same way so a qualified name matches however the client
/// spelt the URN (RFC 8141 §3.1 already makes the "urn" prefix and namespace case-insensitive, and no two
/// SCIM schema URNs differ only by case). Consumers looking a name up in a schema should likewise use
/// <see cref="StringComparer.OrdinalIgnoreCase"/>.
/// </remarks>
/// <param name="SchemaUrn">The schema URN before the last ':' or null when the name is not qualified.</param>
/// <param name="Attribute">The attribute name, e.g. <c>emails</c>.</param>
/// <param name="SubAttribute">The sub-attribute name after '.', e.g. <c>value</c>, or null.</param>
public sealed record AttributePath(string? SchemaUrn, string Attribute, string? SubAttribute = null)
{
    public bool Equals(AttributePath? other) =>
        other is not null
        && string.Equals(SchemaUrn, other.SchemaUrn, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Attribute, other.Attribute, StringComparison.OrdinalIgnoreCase)
        && string.Equals(SubAttribute, other.SubAttribute, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() =>
        HashCode.Combine(IgnoringCase(SchemaUrn), IgnoringCase(Attribute), IgnoringCase(SubAttribute));

    /// <summary>The path as a filter writes it.</summary>
    public override string ToString()
    {
        var name = SubAttribute is null ? Attribute : $"{Attribute}.{SubAttribute}";
        return SchemaUrn is null ? name : $"{SchemaUrn}:{name}";
    }

    private static int IgnoringCase(string? part) => part is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(part);
}
