using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Application.Scim.Users;

namespace Auth.Application.Scim.Groups;

/// <summary>The SCIM Group representation (RFC 7643 §4.2).</summary>
public static class ScimGroupDocument
{
    public const int MaxLength = 256;

    public sealed record Data(string DisplayName, string? ExternalId, IReadOnlyList<string> MemberIds);

    public static JsonObject Write(ScimGroupView view, string location, Func<string, string> userLocation)
    {
        var group = view.Group;
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Group),
            ["id"] = group.Id,
        };
        ScimUserDocument.AddIfPresent(json, "externalId", group.ExternalId);
        json["displayName"] = group.DisplayName;
        json["members"] = new JsonArray([.. view.Members.Select(m => (JsonNode)new JsonObject
        {
            ["value"] = m.Id,
            ["$ref"] = userLocation(m.Id),
            ["display"] = m.Display,
            ["type"] = "User",
        })]);
        json["meta"] = ScimMeta.Write("Group", group.CreatedAt, group.UpdatedAt, group.Version, location);
        return json;
    }

    public static Result<Data> Read(JsonObject json)
    {
        var reader = new ScimAttributeReader();
        var displayName = reader.Text(json, "displayName");
        var externalId = reader.Text(json, "externalId");
        var members = new List<string>();
        switch (json.Get("members"))
        {
            case null:
                break;
            case JsonArray array:
                foreach (var member in array)
                {
                    if (member is JsonObject item && reader.Text(item, "value") is { Length: > 0 } value)
                    {
                        members.Add(value);
                    }
                    else
                    {
                        return ScimErrors.InvalidValue("Each member needs a value (the user's id).");
                    }
                }

                break;
            default:
                reader.Fail("members");
                break;
        }

        if (reader.Error is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            return ScimErrors.InvalidValue("displayName is required.");
        }

        // The columns' lengths (GroupConfiguration): a longer value is the client's error, not the database's.
        if (displayName.Length > MaxLength || externalId?.Length > MaxLength)
        {
            return ScimErrors.InvalidValue($"displayName and externalId have at most {MaxLength} characters.");
        }

        return new Data(displayName, externalId, members.Distinct(StringComparer.Ordinal).ToList());
    }
}
