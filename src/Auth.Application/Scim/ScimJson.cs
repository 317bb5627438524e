using System.Text.Json;
using System.Text.Json.Nodes;

namespace Auth.Application.Scim;

/// <summary>
/// Reading and writing SCIM JSON the way SCIM defines it: attribute names are case-insensitive (RFC 7643 §2.1),
/// booleans may arrive as the strings "True"/"False" (Microsoft Entra ID without its aadOptscim062020 flag), and an
/// attribute without a value is left out rather than written as null (RFC 7643 §2.5).
/// </summary>
public static class ScimJson
{
    /// <summary>The member with this name, ignoring case, or null.</summary>
    public static JsonNode? Get(this JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var exact) ? exact : json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The member's actual key (keeping the object's spelling), or the given name when there is none.</summary>
    public static string KeyOf(this JsonObject json, string name) =>
        json.ContainsKey(name) ? name : json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Key ?? name;

    public static void AddIfPresent(this JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    public static void RemoveIgnoringCase(this JsonObject json, string name)
    {
        foreach (var key in json.Where(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToList())
        {
            json.Remove(key);
        }
    }

    public static bool TryReadString(JsonNode? node, out string? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            value = scalar.GetValue<string>();
            return true;
        }

        return false;
    }

    public static bool TryReadBoolean(JsonNode? node, out bool? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonValue scalar)
        {
            return false;
        }

        switch (scalar.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                value = false;
                return true;
            case JsonValueKind.String when bool.TryParse(scalar.GetValue<string>(), out var parsed):
                value = parsed;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Two values are the same SCIM value: for complex values, the same "value" sub-attribute when both have one.</summary>
    public static bool SameValue(JsonNode? left, JsonNode? right)
    {
        if (left is JsonObject l && right is JsonObject r && l.Get("value") is { } lv && r.Get("value") is { } rv)
        {
            return JsonNode.DeepEquals(lv, rv);
        }

        return JsonNode.DeepEquals(left, right);
    }
}
