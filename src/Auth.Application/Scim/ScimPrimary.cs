using System.Text.Json.Nodes;

namespace Auth.Application.Scim;

/// <summary>
/// The primary sub-attribute of multi-valued attributes (RFC 7643 §2.4): true on one value at most. A PATCH that makes
/// a value primary takes it from the one that was (RFC 7644 §3.5.2).
/// </summary>
public static class ScimPrimary
{
    public static bool IsPrimary(JsonObject value) => ScimJson.TryReadBoolean(value.Get("primary"), out var primary) && primary == true;

    /// <summary>The values that are primary now, in every multi-valued attribute of the resource and its extensions.</summary>
    public static HashSet<JsonObject> Of(JsonObject resource) =>
        MultiValued(resource).SelectMany(values => values.OfType<JsonObject>().Where(IsPrimary)).ToHashSet<JsonObject>(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// After an operation: where a value became primary beside one that already was, the earlier one is primary no
    /// more. Values made primary together are left for the resource's reading to refuse.
    /// </summary>
    public static void KeepTheNewest(JsonObject resource, HashSet<JsonObject> before)
    {
        foreach (var values in MultiValued(resource))
        {
            var primaries = values.OfType<JsonObject>().Where(IsPrimary).ToList();
            if (primaries.Count > 1 && primaries.Count(p => !before.Contains(p)) == 1)
            {
                foreach (var earlier in primaries.Where(before.Contains))
                {
                    earlier[earlier.KeyOf("primary")] = false;
                }
            }
        }
    }

    private static IEnumerable<JsonArray> MultiValued(JsonObject resource) =>
        resource.Select(p => p.Value).SelectMany(value => value switch
        {
            JsonArray array => [array],
            JsonObject extension => extension.Select(p => p.Value).OfType<JsonArray>(),
            _ => [],
        });
}
