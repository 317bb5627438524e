using System.Text.Json.Nodes;
using Auth.Application.Scim;
using Microsoft.Extensions.Options;

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
        scim.MapGet("/Schemas", (HttpContext http, IOptions<ScimOptions> options) =>
            ScimResponses.Resource(List([.. ScimSchemaDocuments.For(options.Value, Base(http))])));
        scim.MapGet("/Schemas/{id}", (string id, HttpContext http, IOptions<ScimOptions> options) =>
            ScimSchemaDocuments.For(options.Value, Base(http)).FirstOrDefault(s => (string?)s["id"] == id) is { } schema
                ? ScimResponses.Resource(schema)
                : ScimResponses.Error(StatusCodes.Status404NotFound, "No such schema."));
        return scim;
    }

    private static string Base(HttpContext http) => ScimExchange.Location(http, "x", "x")[..^"x/x".Length];

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

    private static JsonObject UserType(string baseUrl) =>
        ResourceType(baseUrl, "User", "/Users", "User Account", ScimSchemas.User, ScimSchemas.EnterpriseUser);

    private static JsonObject GroupType(string baseUrl) => ResourceType(baseUrl, "Group", "/Groups", "Group", ScimSchemas.Group);

    /// <summary>A ResourceType document (RFC 7643 §6); the extensions are optional.</summary>
    private static JsonObject ResourceType(string baseUrl, string name, string endpoint, string description, string schema, params string[] extensions)
    {
        var type = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
            ["id"] = name,
            ["name"] = name,
            ["endpoint"] = endpoint,
            ["description"] = description,
            ["schema"] = schema,
        };
        if (extensions.Length > 0)
        {
            type["schemaExtensions"] = new JsonArray([.. extensions.Select(e => (JsonNode)new JsonObject { ["schema"] = e, ["required"] = false })]);
        }

        type["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = baseUrl + "ResourceTypes/" + name };
        return type;
    }

    private static JsonObject List(JsonNode[] resources) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = resources.Length,
        ["itemsPerPage"] = resources.Length,
        ["startIndex"] = 1,
        ["Resources"] = new JsonArray(resources),
    };
}
