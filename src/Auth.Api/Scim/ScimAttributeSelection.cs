using System.Text.Json.Nodes;
using Auth.Application.Scim;

namespace Auth.Api.Scim;

/// <summary>
/// attributes and excludedAttributes (RFC 7644 §3.4.2.5, §3.9): a resource trimmed to what was asked for. id and
/// schemas are always returned; names may be sub-attributes (name.givenName) or URN-qualified, and a schema's URN alone
/// names all of its attributes (the core schema's: every attribute but the extension's).
/// </summary>
public static class ScimAttributeSelection
{
    private static readonly string[] AlwaysReturned = ["id", "schemas"];

    // What the core schema's URN alone parses to: no attribute is named so (an attribute name starts with a letter).
    private const string CoreSchema = "$core";

    public static JsonObject Apply(JsonObject resource, string? attributes, string? excludedAttributes)
    {
        if (attributes is not null)
        {
            var wanted = Parse(attributes);
            foreach (var key in resource.Select(p => p.Key).ToList())
            {
                if (AlwaysReturned.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (wanted.Any(w => w.Attribute == CoreSchema) && !IsExtension(key))
                {
                    continue;
                }

                var asked = wanted.Where(w => string.Equals(w.Attribute, key, StringComparison.OrdinalIgnoreCase)).ToList();
                if (asked.Count == 0)
                {
                    resource.Remove(key);
                }
                else if (asked.All(a => a.Sub is not null))
                {
                    foreach (var complex in ComplexValues(resource[key]))
                    {
                        foreach (var sub in complex.Select(p => p.Key).ToList())
                        {
                            if (!asked.Any(a => string.Equals(a.Sub, sub, StringComparison.OrdinalIgnoreCase)))
                            {
                                complex.Remove(sub);
                            }
                        }
                    }
                }
            }
        }

        if (excludedAttributes is not null)
        {
            foreach (var (attribute, sub) in Parse(excludedAttributes))
            {
                if (AlwaysReturned.Contains(attribute, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (attribute == CoreSchema)
                {
                    foreach (var key in resource.Select(p => p.Key).Where(k => !IsExtension(k) && !AlwaysReturned.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
                    {
                        resource.Remove(key);
                    }
                }
                else if (sub is null)
                {
                    resource.RemoveIgnoringCase(attribute);
                }
                else
                {
                    foreach (var complex in ComplexValues(resource.Get(attribute)))
                    {
                        complex.RemoveIgnoringCase(sub);
                    }
                }
            }
        }

        return resource;
    }

    private static bool IsExtension(string key) => string.Equals(key, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase);

    /// <summary>A complex attribute's value, or each value of a multi-valued one (emails.value names every email's value).</summary>
    private static IEnumerable<JsonObject> ComplexValues(JsonNode? value) => value switch
    {
        JsonObject complex => [complex],
        JsonArray values => values.OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>"userName,name.givenName,urn:…:User:employeeNumber" → (attribute, sub-attribute) pairs.</summary>
    private static List<(string Attribute, string? Sub)> Parse(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            if (string.Equals(item, ScimSchemas.User, StringComparison.OrdinalIgnoreCase) || string.Equals(item, ScimSchemas.Group, StringComparison.OrdinalIgnoreCase))
            {
                return (CoreSchema, (string?)null);
            }

            foreach (var schema in new[] { ScimSchemas.User + ":", ScimSchemas.Group + ":" })
            {
                if (item.StartsWith(schema, StringComparison.OrdinalIgnoreCase))
                {
                    item = item[schema.Length..];
                }
            }

            // The extension's URN alone is the whole extension (its "2.0" is no sub-attribute).
            if (string.Equals(item, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
            {
                return (ScimSchemas.EnterpriseUser, (string?)null);
            }

            if (item.StartsWith(ScimSchemas.EnterpriseUser + ":", StringComparison.OrdinalIgnoreCase))
            {
                return (ScimSchemas.EnterpriseUser, (string?)item[(ScimSchemas.EnterpriseUser.Length + 1)..].Split('.')[0]);
            }

            var dot = item.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? (item, (string?)null) : (item[..dot], item[(dot + 1)..]);
        }).ToList();
}
