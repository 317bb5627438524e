using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Application.Scim.Filters;

namespace Auth.Application.Scim.Patch;

/// <summary>Value-filter paths (<c>emails[type eq "work"].value</c>, <c>members[value eq "…"]</c>).</summary>
public sealed partial class ScimPatchApplier
{
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
}
