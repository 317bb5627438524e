using System.Text.Json.Nodes;
using Auth.Application.Scim.Users;
using Mediator;

namespace Auth.Api.Scim;

/// <summary>/scim/v2/Users (RFC 7644 §3): each verb sends one Mediator request and turns its result into SCIM JSON.</summary>
public static class ScimUserEndpoints
{
    public static RouteGroupBuilder MapScimUsers(this RouteGroupBuilder scim)
    {
        scim.MapGet("/Users", (HttpContext http, ISender sender, CancellationToken ct) =>
            ScimListing.ListUsersAsync(http, sender, ScimListing.FromQuery(http.Request.Query), ct));
        scim.MapPost("/Users/.search", async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (body, error) = await ScimRequest.ReadBodyAsync(http.Request);
            return error ?? await ScimListing.ListUsersAsync(http, sender, ScimListing.FromSearchRequest(body!), ct);
        });

        scim.MapGet("/Users/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new GetScimUser(id), ct);
            if (!result.Succeeded)
            {
                return ScimResponses.Error(result.Error);
            }

            var etag = Application.Scim.Users.ScimMeta.ETag(result.Value.User.Version);
            if (ScimRequest.IfNoneMatch(http.Request).Version is { } known && Application.Scim.Users.ScimMeta.ETag(known) == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            var selection = ScimListing.FromQuery(http.Request.Query);
            var document = ScimAttributeSelection.Apply(Document(http, result.Value), selection.Attributes, selection.ExcludedAttributes);
            return ScimResponses.Resource(document, etag: etag);
        });

        scim.MapPost("/Users", async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (body, error) = await ScimRequest.ReadBodyAsync(http.Request);
            if (error is not null)
            {
                return error;
            }

            var result = await sender.Send(new CreateScimUser(body!, ProvisioningClient.Id(http)), ct);
            return result.Succeeded ? Written(http, result.Value, StatusCodes.Status201Created, withLocation: true) : ScimResponses.Error(result.Error);
        });

        scim.MapPut("/Users/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (body, error) = await ScimRequest.ReadBodyAsync(http.Request);
            if (error is not null)
            {
                return error;
            }

            var result = await sender.Send(new ReplaceScimUser(id, body!, ScimRequest.IfMatch(http.Request).Version, ProvisioningClient.Id(http)), ct);
            return result.Succeeded ? Written(http, result.Value, StatusCodes.Status200OK) : ScimResponses.Error(result.Error);
        });

        scim.MapPatch("/Users/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (operations, invalid) = await ScimRequest.ReadPatchAsync(http.Request);
            if (invalid is not null)
            {
                return invalid;
            }

            var result = await sender.Send(new PatchScimUser(id, operations!, ScimRequest.IfMatch(http.Request).Version, ProvisioningClient.Id(http)), ct);
            return result.Succeeded ? Written(http, result.Value, StatusCodes.Status200OK) : ScimResponses.Error(result.Error);
        });

        scim.MapDelete("/Users/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new DeleteScimUser(id, ScimRequest.IfMatch(http.Request).Version, ProvisioningClient.Id(http)), ct);
            return result.Succeeded ? Results.NoContent() : ScimResponses.Error(result.Error);
        });

        return scim;
    }

    public static JsonObject Document(HttpContext http, ScimUserView view) =>
        ScimUserDocument.Write(view.User, view.Groups, ScimListing.Location(http, "Users", view.User.Id));

    private static IResult Written(HttpContext http, ScimUserView view, int status, bool withLocation = false)
    {
        var location = ScimListing.Location(http, "Users", view.User.Id);
        return ScimResponses.Resource(Document(http, view), status, Application.Scim.Users.ScimMeta.ETag(view.User.Version), withLocation ? location : null);
    }
}
