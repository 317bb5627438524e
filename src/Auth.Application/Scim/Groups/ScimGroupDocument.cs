using System.Text.Json.Nodes;

namespace Auth.Application.Scim.Groups;

/// <summary>The SCIM Group representation (RFC 7643 §4.2) written from a group; <see cref="ScimGroupData.Read"/> reads one back.</summary>
public static class ScimGroupDocument
{
    public static JsonObject Write(ScimGroupView view, string location, Func<string, string> userLocation)
    {
        var group = view.Group;
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Group),
            ["id"] = group.Id,
        };
        json.AddIfPresent("externalId", group.ExternalId);
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
}
