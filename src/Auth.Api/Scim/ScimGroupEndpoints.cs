using Auth.Application.Scim.Groups;

namespace Auth.Api.Scim;

/// <summary>/scim/v2/Groups (RFC 7644 §3). PATCH answers 204, which is what Microsoft Entra ID expects.</summary>
public static class ScimGroupEndpoints
{
    public static RouteGroupBuilder MapScimGroups(this RouteGroupBuilder scim)
    {
        scim.MapScimListing("/Groups", (exchange, parameters) =>
            ScimListing.ListAsync(exchange, new ListScimGroups(parameters.Listing, ShowsMembers(parameters)), parameters, Show));
        scim.MapGet("/Groups/{id}", (string id, [AsParameters] ScimExchange exchange) => exchange.ShowAsync(new GetScimGroup(id), Show));
        scim.MapPost("/Groups", ([AsParameters] ScimExchange exchange) => exchange.CreateAsync((body, client) => new CreateScimGroup(body, client), Show));
        scim.MapPut("/Groups/{id}", (string id, [AsParameters] ScimExchange exchange) =>
            exchange.ReplaceAsync((body, ifMatch, client) => new ReplaceScimGroup(id, body, ifMatch, client), Show));
        scim.MapPatch("/Groups/{id}", (string id, [AsParameters] ScimExchange exchange) =>
            exchange.PatchWithoutContentAsync((operations, ifMatch, client) => new PatchScimGroup(id, operations, ifMatch, client), view => view.Group.Version));
        scim.MapDelete("/Groups/{id}", (string id, [AsParameters] ScimExchange exchange) =>
            exchange.DeleteAsync((ifMatch, client) => new DeleteScimGroup(id, ifMatch, client)));
        return scim;
    }

    private static ScimResource Show(HttpContext http, ScimGroupView view) =>
        new(view.Group.Version, ScimExchange.Location(http, "Groups", view.Group.Id),
            location => ScimGroupDocument.Write(view, location, id => ScimExchange.Location(http, "Users", id)));

    /// <summary>Whether the listed groups show their members: not when attributes or excludedAttributes leave them out.</summary>
    private static bool ShowsMembers(ScimListing.Parameters parameters) =>
        !Mentions(parameters.ExcludedAttributes, "members") && (parameters.Attributes is null || Mentions(parameters.Attributes, "members"));

    private static bool Mentions(string? list, string attribute) =>
        list?.Split(',', StringSplitOptions.TrimEntries).Any(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase) ||
            a.EndsWith(":" + attribute, StringComparison.OrdinalIgnoreCase) || a.StartsWith(attribute + ".", StringComparison.OrdinalIgnoreCase)) == true;
}
