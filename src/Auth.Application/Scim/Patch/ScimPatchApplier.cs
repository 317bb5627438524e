using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;

namespace Auth.Application.Scim.Patch;

/// <summary>
/// Applies PATCH operations (RFC 7644 §3.5.2) to a copy of a resource's SCIM representation. The caller reads the
/// result back as a whole resource and stores it only if every operation succeeded, so a PATCH is atomic.
/// Covers the shapes Okta and Microsoft Entra ID send: ops in any case, no-path values with dotted and URN-qualified
/// keys, value-filter paths, and removal of members listed in the value.
/// </summary>
public sealed class ScimPatchApplier(string coreSchema, IReadOnlySet<string> extensionSchemas, IReadOnlySet<string> readOnlyAttributes)
{
    private enum Op
    {
        Add,
        Replace,
        Remove,
    }

    public Result<JsonObject> Apply(JsonObject resource, IReadOnlyList<ScimPatchOperation> operations)
    {
        if (operations.Count == 0)
        {
            return ScimErrors.InvalidSyntax("A PatchOp request needs at least one operation.");
        }

        var document = (JsonObject)resource.DeepClone();
        foreach (var operation in operations)
        {
            Op op;
            switch (operation.Op?.ToUpperInvariant())
            {
                case "ADD": op = Op.Add; break;
                case "REPLACE": op = Op.Replace; break;
                case "REMOVE": op = Op.Remove; break;
                default: return ScimErrors.InvalidSyntax("Each operation's op is add, replace or remove.");
            }

            var applied = string.IsNullOrEmpty(operation.Path)
                ? ApplyWithoutPath(document, op, operation.Value)
                : ApplyAtPath(document, op, operation.Path, operation.Value);
            if (applied is { } error)
            {
                return error;
            }
        }

        return document;
    }

    /// <summary>RFC 7644 §3.5.2.1/3: without a path, the value is an object of attributes to add or replace.</summary>
    private Error? ApplyWithoutPath(JsonObject document, Op op, JsonNode? value)
    {
        if (op == Op.Remove)
        {
            return ScimErrors.NoTarget("A remove operation needs a path.");
        }

        if (value is not JsonObject attributes)
        {
            return ScimErrors.InvalidSyntax("Without a path, the value must be an object of attributes.");
        }

        foreach (var (key, attributeValue) in attributes)
        {
            if (string.Equals(key, "schemas", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "meta", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(key, "id", StringComparison.OrdinalIgnoreCase))
            {
                // Okta renames a group with {"id": …, "displayName": …}: the same id is no change.
                if (!JsonNode.DeepEquals(attributeValue, document.Get("id")))
                {
                    return ScimErrors.Mutability("The id attribute is read-only.");
                }

                continue;
            }

            if (extensionSchemas.Contains(key) && attributeValue is JsonObject extension)
            {
                foreach (var (name, extensionValue) in extension)
                {
                    if (Set(Container(document, key, create: true)!, op, name, extensionValue?.DeepClone()) is { } error)
                    {
                        return error;
                    }
                }

                continue;
            }

            if (ApplyAtPath(document, op, key, attributeValue) is { } failed)
            {
                return failed;
            }
        }

        return null;
    }

    private Error? ApplyAtPath(JsonObject document, Op op, string pathText, JsonNode? value)
    {
        var parsed = ScimPatchPathParser.Parse(pathText);
        if (!parsed.Succeeded)
        {
            return ScimErrors.InvalidPath(parsed.Error.Description);
        }

        var path = parsed.Value;
        var schema = path.Attribute.SchemaUrn;
        if (schema is not null && !string.Equals(schema, coreSchema, StringComparison.OrdinalIgnoreCase) && !extensionSchemas.Contains(schema))
        {
            return ScimErrors.InvalidPath($"The schema of '{ScimErrors.Truncate(pathText)}' is not supported.");
        }

        if (schema is null || string.Equals(schema, coreSchema, StringComparison.OrdinalIgnoreCase))
        {
            if (readOnlyAttributes.Contains(path.Attribute.Attribute))
            {
                return ScimErrors.Mutability($"The {path.Attribute.Attribute} attribute is read-only.");
            }

            schema = null;
        }

        var container = Container(document, schema, create: op != Op.Remove);
        if (container is null)
        {
            return null;
        }

        var attribute = path.Attribute.Attribute;
        value = value?.DeepClone();
        if (path.ValueFilter is null)
        {
            if (path.Attribute.SubAttribute is not { } sub)
            {
                return Set(container, op, attribute, value);
            }

            var complex = container.Get(attribute) as JsonObject;
            if (complex is null)
            {
                if (op == Op.Remove)
                {
                    return null;
                }

                complex = [];
                container[container.KeyOf(attribute)] = complex;
            }

            return Set(complex, op, sub, value);
        }

        return ApplyToMatches(container, op, attribute, path.ValueFilter, path.SubAttribute, value);
    }

    /// <summary>A filtered path: the operation applies to each value of the multi-valued attribute that matches.</summary>
    private static Error? ApplyToMatches(JsonObject container, Op op, string attribute, ScimFilter filter, string? sub, JsonNode? value)
    {
        var values = container.Get(attribute) as JsonArray;
        var matches = values?.Where(element => ScimValueMatcher.Matches(element, filter)).ToList() ?? [];
        if (matches.Count == 0)
        {
            // Entra ID adds a first work address as {"op":"Add","path":"emails[type eq \"work\"].value",…}: the value
            // the filter names becomes a new element of the multi-valued attribute.
            if (op == Op.Add && filter is ComparisonFilter { Operator: ComparisonOperator.Equal, Path.SubAttribute: null, Value: { Kind: ScimValueKind.Text } named } equal)
            {
                var element = new JsonObject { [equal.Path.Attribute] = named.Text };
                if (sub is not null)
                {
                    element[sub] = value?.DeepClone();
                }
                else if (value is JsonObject parts)
                {
                    foreach (var (key, part) in parts)
                    {
                        element[element.KeyOf(key)] = part?.DeepClone();
                    }
                }

                if (values is null)
                {
                    values = [];
                    container[container.KeyOf(attribute)] = values;
                }

                values.Add(element);
                return null;
            }

            // Removing something already absent leaves the resource as asked; Entra removes members this way.
            return op == Op.Remove ? null : ScimErrors.NoTarget($"No value of {attribute} matches the filter.");
        }

        foreach (var match in matches)
        {
            if (sub is not null)
            {
                if (match is not JsonObject element)
                {
                    return ScimErrors.InvalidPath($"The values of {attribute} have no sub-attributes.");
                }

                if (Set(element, op, sub, value?.DeepClone()) is { } error)
                {
                    return error;
                }
            }
            else if (op == Op.Remove)
            {
                values!.Remove(match);
            }
            else if (op == Op.Add && match is JsonObject element && value is JsonObject addition)
            {
                foreach (var (key, part) in addition)
                {
                    element[element.KeyOf(key)] = part?.DeepClone();
                }
            }
            else
            {
                values![values.IndexOf(match)] = value?.DeepClone();
            }
        }

        return null;
    }

    /// <summary>add, replace or remove one attribute of an object.</summary>
    private static Error? Set(JsonObject target, Op op, string name, JsonNode? value)
    {
        var key = target.KeyOf(name);
        var existing = target.Get(name);
        switch (op)
        {
            case Op.Remove when value is JsonArray listed && existing is JsonArray current:
                // Entra: {"op":"Remove","path":"members","value":[{"value":"<id>"}]} removes just those members.
                foreach (var item in current.Where(element => listed.Any(l => ScimJson.SameValue(element, l))).ToList())
                {
                    current.Remove(item);
                }

                return null;
            case Op.Remove:
                target.RemoveIgnoringCase(name);
                return null;
            case Op.Add when existing is JsonArray current && value is JsonArray added:
                // RFC 7644 §3.5.2.1: values are added to a multi-valued attribute, without duplicates.
                foreach (var item in added.ToList())
                {
                    if (!current.Any(element => ScimJson.SameValue(element, item)))
                    {
                        current.Add(item?.DeepClone());
                    }
                }

                return null;
            case Op.Add when existing is JsonArray current && value is JsonObject single:
                if (!current.Any(element => ScimJson.SameValue(element, single)))
                {
                    current.Add(single.DeepClone());
                }

                return null;
            case Op.Add or Op.Replace when existing is JsonObject complex && value is JsonObject parts:
                // A complex attribute: the sub-attributes given are set, the others stay (RFC 7644 §3.5.2.1, §3.5.2.3).
                foreach (var (part, partValue) in parts)
                {
                    complex[complex.KeyOf(part)] = partValue?.DeepClone();
                }

                return null;
            default:
                target[key] = value;
                return null;
        }
    }

    private static JsonObject? Container(JsonObject document, string? schema, bool create)
    {
        if (schema is null)
        {
            return document;
        }

        if (document.Get(schema) is JsonObject extension)
        {
            return extension;
        }

        if (!create)
        {
            return null;
        }

        extension = [];
        document[schema] = extension;
        return extension;
    }
}
