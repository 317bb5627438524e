using System.Text.Json.Nodes;
using Auth.Application.Scim;
using Auth.Application.Scim.Groups;
using Auth.Application.Scim.Users;
using Mediator;

namespace Auth.Api.Scim;

/// <summary>/scim/v2/Groups (RFC 7644 §3). PATCH answers 204, which is what Microsoft Entra ID expects.</summary>
public static class ScimGroupEndpoints
{
    public static RouteGroupBuilder MapScimGroups(this RouteGroupBuilder scim)
    {
        scim.MapGet("/Groups", (HttpContext http, ISender sender, CancellationToken ct) =>
            ListAsync(http, sender, ScimListing.FromQuery(http.Request.Query), ct));
        scim.MapPost("/Groups/.search", async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (body, error) = await ScimRequest.ReadBodyAsync(http.Request);
            return error ?? await ListAsync(http, sender, ScimListing.FromSearchRequest(body!), ct);
        });

        scim.MapGet("/Groups/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new GetScimGroup(id), ct);
            if (!result.Succeeded)
            {
                return ScimResponses.Error(result.Error);
            }

            if (ScimRequest.IfNoneMatch(http.Request).Version is { } known && known == result.Value.Group.Version)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            var selection = ScimListing.FromQuery(http.Request.Query);
            var document = ScimAttributeSelection.Apply(Document(http, result.Value), selection.Attributes, selection.ExcludedAttributes);
            return ScimResponses.Resource(document, etag: ScimMeta.ETag(result.Value.Group.Version));
        });

        scim.MapPost("/Groups", async (HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (body, error) = await ScimRequest.ReadBodyAsync(http.Request);
            if (error is not null)
            {
                return error;
            }

            var result = await sender.Send(new CreateScimGroup(body!, ProvisioningClient.Id(http)), ct);
            return result.Succeeded ? Written(http, result.Value, StatusCodes.Status201Created, withLocation: true) : ScimResponses.Error(result.Error);
        });

        scim.MapPut("/Groups/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (body, error) = await ScimRequest.ReadBodyAsync(http.Request);
            if (error is not null)
            {
                return error;
            }

            var result = await sender.Send(new ReplaceScimGroup(id, body!, ScimRequest.IfMatch(http.Request).Version, ProvisioningClient.Id(http)), ct);
            return result.Succeeded ? Written(http, result.Value, StatusCodes.Status200OK) : ScimResponses.Error(result.Error);
        });

        scim.MapPatch("/Groups/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var (operations, invalid) = await ScimRequest.ReadPatchAsync(http.Request);
            if (invalid is not null)
            {
                return invalid;
            }

            var result = await sender.Send(new PatchScimGroup(id, operations!, ScimRequest.IfMatch(http.Request).Version, ProvisioningClient.Id(http)), ct);
            if (!result.Succeeded)
            {
                return ScimResponses.Error(result.Error);
            }

            http.Response.Headers.ETag = ScimMeta.ETag(result.Value.Group.Version);
            return Results.NoContent();
        });

        scim.MapDelete("/Groups/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(new DeleteScimGroup(id, ScimRequest.IfMatch(http.Request).Version, ProvisioningClient.Id(http)), ct);
            return result.Succeeded ? Results.NoContent() : ScimResponses.Error(result.Error);
        });

        return scim;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ISender sender, ScimListing.Parameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.Invalid is { } invalid)
        {
            return ScimResponses.Error(StatusCodes.Status400BadRequest, invalid, "invalidValue");
        }

        var withMembers = !Mentions(parameters.ExcludedAttributes, "members") && (parameters.Attributes is null || Mentions(parameters.Attributes, "members"));
        var result = await sender.Send(new ListScimGroups(parameters.Filter, parameters.StartIndex, parameters.Count, parameters.SortBy, parameters.Descending, withMembers), cancellationToken);
        if (!result.Succeeded)
        {
            return ScimResponses.Error(result.Error);
        }

        return ScimListing.ListResponse(result.Value, view => Document(http, view), parameters);
    }

    private static bool Mentions(string? list, string attribute) =>
        list?.Split(',', StringSplitOptions.TrimEntries).Any(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase) ||
            a.EndsWith(":" + attribute, StringComparison.OrdinalIgnoreCase) || a.StartsWith(attribute + ".", StringComparison.OrdinalIgnoreCase)) == true;

    private static JsonObject Document(HttpContext http, ScimGroupView view) =>
        ScimGroupDocument.Write(view, ScimListing.Location(http, "Groups", view.Group.Id), id => ScimListing.Location(http, "Users", id));

    private static IResult Written(HttpContext http, ScimGroupView view, int status, bool withLocation = false) =>
        ScimResponses.Resource(Document(http, view), status, ScimMeta.ETag(view.Group.Version),
            withLocation ? ScimListing.Location(http, "Groups", view.Group.Id) : null);
}
