using System.Text.Json.Nodes;
using Auth.Application.Scim;

namespace Auth.Api.Scim;

/// <summary>
/// attributes and excludedAttributes (RFC 7644 §3.4.2.5, §3.9): a resource trimmed to what was asked for. id and
/// schemas are always returned; names may be sub-attributes (name.givenName) or qualified with the resource's own
/// schema URN, and a schema's URN alone names all of its attributes (the resource's core schema: every attribute but
/// the extension's). A name qualified with another resource type's schema names nothing here.
/// </summary>
public static class ScimAttributeSelection
{
    private static readonly string[] AlwaysReturned = ["id", "schemas"];

    private static readonly string[] CoreSchemas = [ScimSchemas.User, ScimSchemas.Group];

    public static JsonObject Apply(JsonObject resource, string? attributes, string? excludedAttributes)
    {
        if (attributes is null && excludedAttributes is null)
        {
            // Every resource of a listing comes through here: nothing asked, nothing to read.
            return resource;
        }

        var core = CoreSchemaOf(resource);
        if (attributes is not null)
        {
            var wanted = Parse(attributes, core);
            var wholeCore = wanted.Any(w => w.WholeCore);
            foreach (var key in resource.Select(p => p.Key).ToList())
            {
                if (AlwaysReturned.Contains(key, StringComparer.OrdinalIgnoreCase) || (wholeCore && !IsExtension(key)))
                {
                    continue;
                }

                var asked = wanted.Where(w => w.Names(key)).ToList();
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
            foreach (var excluded in Parse(excludedAttributes, core))
            {
                if (excluded.WholeCore)
                {
                    foreach (var key in resource.Select(p => p.Key).Where(k => !IsExtension(k) && !AlwaysReturned.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
                    {
                        resource.Remove(key);
                    }
                }
                else if (excluded.Attribute is not { } attribute || AlwaysReturned.Contains(attribute, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }
                else if (excluded.Sub is null)
                {
                    resource.RemoveIgnoringCase(attribute);
                }
                else
                {
                    foreach (var complex in ComplexValues(resource.Get(attribute)))
                    {
                        complex.RemoveIgnoringCase(excluded.Sub);
                    }
                }
            }
        }

        return resource;
    }

    private static bool IsExtension(string key) => string.Equals(key, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase);

    /// <summary>The resource's core schema URN, the one of its schemas that is a core schema.</summary>
    private static string? CoreSchemaOf(JsonObject resource) =>
        resource["schemas"] is JsonArray schemas
            ? schemas.Select(s => s?.GetValueKind() == System.Text.Json.JsonValueKind.String ? s.GetValue<string>() : null)
                .FirstOrDefault(s => s is not null && CoreSchemas.Contains(s, StringComparer.OrdinalIgnoreCase))
            : null;

    /// <summary>A complex attribute's value, or each value of a multi-valued one (emails.value names every email's value).</summary>
    private static IEnumerable<JsonObject> ComplexValues(JsonNode? value) => value switch
    {
        JsonObject complex => [complex],
        JsonArray values => values.OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>"userName,name.givenName,urn:…:User:employeeNumber" → what each item names on a resource of <paramref name="core"/>.</summary>
    private static List<Named> Parse(string list, string? core) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            if (core is not null && string.Equals(item, core, StringComparison.OrdinalIgnoreCase))
            {
                return Named.Core;
            }

            if (core is not null && item.StartsWith(core + ":", StringComparison.OrdinalIgnoreCase))
            {
                item = item[(core.Length + 1)..];
            }
            else if (CoreSchemas.Any(schema => item.StartsWith(schema, StringComparison.OrdinalIgnoreCase)))
            {
                // Another resource type's schema (or its attributes): nothing of this resource.
                return Named.Nothing;
            }

            // The extension's URN alone is the whole extension (its "2.0" is no sub-attribute).
            if (string.Equals(item, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
            {
                return new Named(ScimSchemas.EnterpriseUser, null);
            }

            if (item.StartsWith(ScimSchemas.EnterpriseUser + ":", StringComparison.OrdinalIgnoreCase))
            {
                return new Named(ScimSchemas.EnterpriseUser, item[(ScimSchemas.EnterpriseUser.Length + 1)..].Split('.')[0]);
            }

            var dot = item.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? new Named(item, null) : new Named(item[..dot], item[(dot + 1)..]);
        }).ToList();

    /// <summary>An attribute (and sub-attribute) an item names, all of the core schema, or nothing.</summary>
    private sealed record Named(string? Attribute, string? Sub, bool WholeCore = false)
    {
        public static readonly Named Core = new(null, null, WholeCore: true);

        public static readonly Named Nothing = new(null, null);

        public bool Names(string key) => Attribute is not null && string.Equals(Attribute, key, StringComparison.OrdinalIgnoreCase);
    }
}
