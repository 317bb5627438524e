using Auth.Application.Scim.Users;

namespace Auth.Api.Scim;

/// <summary>/scim/v2/Users (RFC 7644 §3): each verb sends one Mediator request and turns its result into SCIM JSON.</summary>
public static class ScimUserEndpoints
{
    public static RouteGroupBuilder MapScimUsers(this RouteGroupBuilder scim)
    {
        scim.MapScimListing("/Users", (exchange, parameters) => ScimListing.ListAsync(exchange, new ListScimUsers(parameters.Listing), parameters, Show));
        scim.MapGet("/Users/{id}", (string id, [AsParameters] ScimExchange exchange) => exchange.ShowAsync(new GetScimUser(id), Show));
        scim.MapPost("/Users", ([AsParameters] ScimExchange exchange) => exchange.CreateAsync((body, client) => new CreateScimUser(body, client), Show));
        scim.MapPut("/Users/{id}", (string id, [AsParameters] ScimExchange exchange) =>
            exchange.ReplaceAsync((body, ifMatch, client) => new ReplaceScimUser(id, body, ifMatch, client), Show));
        scim.MapPatch("/Users/{id}", (string id, [AsParameters] ScimExchange exchange) =>
            exchange.PatchAsync((operations, ifMatch, client) => new PatchScimUser(id, operations, ifMatch, client), Show));
        scim.MapDelete("/Users/{id}", (string id, [AsParameters] ScimExchange exchange) =>
            exchange.DeleteAsync((ifMatch, client) => new DeleteScimUser(id, ifMatch, client)));
        return scim;
    }

    private static ScimResource Show(HttpContext http, ScimUserView view) =>
        new(view.User.Version, ScimExchange.Location(http, "Users", view.User.Id), location => ScimUserDocument.Write(view.User, view.Groups, location));
}
