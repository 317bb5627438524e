using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auth.Application.Scim.Filters;

namespace Auth.Application.Scim.Patch;

/// <summary>
/// Evaluates a value filter (<c>emails[type eq "work"]</c>, <c>members[value eq "…"]</c>) against one element of a
/// multi-valued attribute in a resource's JSON, for PATCH paths. Strings compare case-insensitively.
/// </summary>
public static class ScimValueMatcher
{
    public static bool Matches(JsonNode? element, ScimFilter filter) => filter switch
    {
        LogicalFilter { Operator: LogicalOperator.And } and => Matches(element, and.Left) && Matches(element, and.Right),
        LogicalFilter or => Matches(element, or.Left) || Matches(element, or.Right),
        NotFilter not => !Matches(element, not.Inner),
        ComparisonFilter comparison => Compare(Attribute(element, comparison.Path), comparison.Operator, comparison.Value),
        _ => false,
    };

    private static JsonNode? Attribute(JsonNode? element, AttributePath path)
    {
        if (element is not JsonObject json)
        {
            // A multi-valued attribute of plain values: the filter's "value" is the element itself.
            return string.Equals(path.Attribute, "value", StringComparison.OrdinalIgnoreCase) ? element : null;
        }

        var node = json.Get(path.Attribute);
        return path.SubAttribute is null ? node : (node as JsonObject)?.Get(path.SubAttribute);
    }

    private static bool Compare(JsonNode? actual, ComparisonOperator op, ScimValue? expected)
    {
        if (op == ComparisonOperator.Present)
        {
            return actual is not null && !(actual is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0);
        }

        if (expected is null)
        {
            return false;
        }

        if (expected.Kind == ScimValueKind.Null)
        {
            return op == ComparisonOperator.Equal ? actual is null : op == ComparisonOperator.NotEqual && actual is not null;
        }

        if (expected.Kind == ScimValueKind.Boolean)
        {
            var equal = ScimJson.TryReadBoolean(actual, out var flag) && flag == expected.Boolean;
            return op == ComparisonOperator.Equal ? equal : op == ComparisonOperator.NotEqual && !equal;
        }

        var text = actual switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        var wanted = expected.Kind == ScimValueKind.Number
            ? expected.Number?.ToString(CultureInfo.InvariantCulture)
            : expected.Text;
        if (text is null || wanted is null)
        {
            return op == ComparisonOperator.NotEqual;
        }

        var order = string.Compare(text, wanted, StringComparison.OrdinalIgnoreCase);
        return op switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.Contains => text.Contains(wanted, StringComparison.OrdinalIgnoreCase),
            ComparisonOperator.StartsWith => text.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
            ComparisonOperator.EndsWith => text.EndsWith(wanted, StringComparison.OrdinalIgnoreCase),
            ComparisonOperator.GreaterThan => order > 0,
            ComparisonOperator.GreaterThanOrEqual => order >= 0,
            ComparisonOperator.LessThan => order < 0,
            ComparisonOperator.LessThanOrEqual => order <= 0,
            _ => false,
        };
    }
}
