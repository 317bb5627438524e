using System.Text.Json.Nodes;
using Auth.Application.Scim;

namespace Auth.Api.Scim;

/// <summary>
/// ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4): what this server really supports. The documents
/// are built once; only the locations depend on the configured issuer.
/// </summary>
public static class ScimDiscoveryEndpoints
{
    public static RouteGroupBuilder MapScimDiscovery(this RouteGroupBuilder scim)
    {
        scim.MapGet("/ServiceProviderConfig", (HttpContext http) => ScimResponses.Resource(ServiceProviderConfig(Base(http))));
        scim.MapGet("/ResourceTypes", (HttpContext http) => ScimResponses.Resource(List([UserType(Base(http)), GroupType(Base(http))])));
        scim.MapGet("/ResourceTypes/{name}", (string name, HttpContext http) => name switch
        {
            "User" => ScimResponses.Resource(UserType(Base(http))),
            "Group" => ScimResponses.Resource(GroupType(Base(http))),
            _ => ScimResponses.Error(StatusCodes.Status404NotFound, "No such resource type."),
        });
        scim.MapGet("/Schemas", () => ScimResponses.Resource(List([.. ScimSchemaDocuments.All.Select(s => s.DeepClone())])));
        scim.MapGet("/Schemas/{id}", (string id) => ScimSchemaDocuments.All.FirstOrDefault(s => (string?)s["id"] == id) is { } schema
            ? ScimResponses.Resource((JsonObject)schema.DeepClone())
            : ScimResponses.Error(StatusCodes.Status404NotFound, "No such schema."));
        return scim;
    }

    private static string Base(HttpContext http) => ScimListing.Location(http, "x", "x")[..^"x/x".Length];

    private static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimListing.MaxResults },
        ["changePassword"] = new JsonObject { ["supported"] = true },
        ["sort"] = new JsonObject { ["supported"] = true },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "An access token from this server's token endpoint with the scim scope.",
            ["specUri"] = "https://www.rfc-editor.org/info/rfc6750",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = baseUrl + "ServiceProviderConfig" },
    };

    private static JsonObject UserType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "User Account",
        ["schema"] = ScimSchemas.User,
        ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchemas.EnterpriseUser, ["required"] = false }),
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = baseUrl + "ResourceTypes/User" },
    };

    private static JsonObject GroupType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "Group",
        ["name"] = "Group",
        ["endpoint"] = "/Groups",
        ["description"] = "Group",
        ["schema"] = ScimSchemas.Group,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = baseUrl + "ResourceTypes/Group" },
    };

    private static JsonObject List(JsonNode[] resources) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = resources.Length,
        ["itemsPerPage"] = resources.Length,
        ["startIndex"] = 1,
        ["Resources"] = new JsonArray(resources),
    };
}
