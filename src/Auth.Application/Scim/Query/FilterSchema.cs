using System.Linq.Expressions;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;

namespace Auth.Application.Scim.Query;

/// <summary>An attribute a filter names, resolved to the column it compares.</summary>
/// <param name="Owner">The multi-valued attribute the column belongs to (<c>emails</c> for <c>emails.type</c>), or null.</param>
internal sealed record ResolvedAttribute(ScalarAttribute Scalar, MultiValuedAttribute? Owner);

/// <summary>
/// The attributes of one resource type that filters may name, grouped by the schema that defines them.
/// Names ignore case (RFC 7643 §2.1). A name may carry its schema URN (RFC 7644 §3.10); without one, the core schema
/// is searched first, then the extensions, whose attribute names do not clash with core ones.
/// </summary>
/// <param name="ResourceName">The resource type in error messages, e.g. "User".</param>
/// <param name="Schemas">Each schema URN with its attributes keyed by full name ("name.givenName", "emails"); the core schema first.</param>
internal sealed record FilterSchema(string ResourceName, IReadOnlyList<(string Urn, IReadOnlyDictionary<string, FilterAttribute> Attributes)> Schemas)
{
    /// <summary>
    /// The attributes every resource has (RFC 7643 §3.1), to which a core schema adds its own: id and externalId,
    /// compared case-exactly, and meta's dates.
    /// </summary>
    public static Dictionary<string, FilterAttribute> CommonAttributes<T>(
        Expression<Func<T, string?>> id,
        Expression<Func<T, string?>> externalId,
        Expression<Func<T, DateTimeOffset>> created,
        Expression<Func<T, DateTimeOffset>> lastModified) => new(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = ScalarAttribute.CaseExact(id),
            ["externalId"] = ScalarAttribute.CaseExact(externalId),
            ["meta.created"] = ScalarAttribute.DateTime(created),
            ["meta.lastModified"] = ScalarAttribute.DateTime(lastModified),
        };

    public Result<ResolvedAttribute> Resolve(AttributePath path)
    {
        foreach (var attributes in Candidates(path))
        {
            var fullName = path.SubAttribute is null ? path.Attribute : $"{path.Attribute}.{path.SubAttribute}";
            if (attributes.TryGetValue(fullName, out var attribute) && attribute is ScalarAttribute scalar)
                return new ResolvedAttribute(scalar, null);
            if (attributes.TryGetValue(path.Attribute, out attribute) && attribute is MultiValuedAttribute multiValued
                && multiValued.SubAttributes.TryGetValue(path.SubAttribute ?? MultiValuedAttribute.DefaultSubAttribute, out var sub))
                return new ResolvedAttribute(sub, multiValued);
        }

        return Unknown(path);
    }

    /// <summary>The multi-valued attribute in front of a value filter's brackets (RFC 7644 §3.4.2.2 valuePath).</summary>
    public Result<MultiValuedAttribute> ResolveMultiValued(AttributePath path)
    {
        foreach (var attributes in Candidates(path))
        {
            if (attributes.TryGetValue(path.Attribute, out var attribute))
            {
                return attribute is MultiValuedAttribute multiValued
                    ? multiValued
                    : ScimErrors.InvalidFilter($"'{path}' is not multi-valued: brackets apply to attributes such as emails.");
            }
        }

        return Unknown(path);
    }

    public Error Unknown(AttributePath path) =>
        ScimErrors.InvalidFilter($"The filter names '{path}', which is not a {ResourceName} attribute that filters support.");

    private IEnumerable<IReadOnlyDictionary<string, FilterAttribute>> Candidates(AttributePath path) =>
        Schemas.Where(s => path.SchemaUrn is null || string.Equals(s.Urn, path.SchemaUrn, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Attributes);
}
