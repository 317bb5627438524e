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
public sealed partial class ScimPatchApplier(string coreSchema, IReadOnlySet<string> extensionSchemas, IReadOnlySet<string> readOnlyAttributes)
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

            // RFC 7644 §3.5.2.1, §3.5.2.3: add and replace carry a value; without one nothing is to be set, and setting
            // nothing would erase what is there.
            if (op != Op.Remove && !operation.HasValue)
            {
                return ScimErrors.InvalidSyntax($"An {operation.Op} operation needs a value.");
            }

            if (op == Op.Add && operation.Value is null)
            {
                return ScimErrors.InvalidSyntax("An add operation's value cannot be null: remove takes an attribute away.");
            }

            if (op == Op.Replace && operation.Value is null && !string.IsNullOrEmpty(operation.Path))
            {
                // RFC 7643 §2.5: null is the same state as unassigned, so replacing a value with null removes it.
                op = Op.Remove;
            }

            var primaries = ScimPrimary.Of(document);
            var applied = string.IsNullOrEmpty(operation.Path)
                ? ApplyWithoutPath(document, op, operation.Value)
                : ApplyAtPath(document, op, operation.Path, operation.Value);
            if (applied is { } error)
            {
                return error;
            }

            ScimPrimary.KeepTheNewest(document, primaries);
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
        if (extensionSchemas.FirstOrDefault(urn => string.Equals(urn, pathText.Trim(), StringComparison.OrdinalIgnoreCase)) is { } extension)
        {
            return ApplyToExtension(document, op, extension, value);
        }

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

    /// <summary>
    /// The path is a whole extension (Microsoft Entra ID sends the Enterprise User URN so): add and replace set the
    /// attributes the value object names and leave the others (RFC 7644 §3.5.2.1, §3.5.2.3, as for any complex
    /// attribute); remove clears the extension.
    /// </summary>
    private static Error? ApplyToExtension(JsonObject document, Op op, string extension, JsonNode? value)
    {
        if (op == Op.Remove)
        {
            document.RemoveIgnoringCase(extension);
            return null;
        }

        if (value is not JsonObject attributes)
        {
            return ScimErrors.InvalidValue("The value for an extension path is an object of the extension's attributes.");
        }

        var container = Container(document, extension, create: true)!;
        foreach (var (name, attributeValue) in attributes)
        {
            if (Set(container, op, name, attributeValue?.DeepClone()) is { } error)
            {
                return error;
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
