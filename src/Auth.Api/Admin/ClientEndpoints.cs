using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Application.Admin;
using Auth.Application.Clients;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Auth.Api.Admin;

/// <summary>
/// /admin/v1/clients (read: admin.clients.read, write: admin.clients.write): clients in keyset pages by id, one client
/// with its ETag, create (a generated secret shown once), replace (If-Match), delete (If-Match) and secret rotation
/// keeping the previous secret for a stated while. Never a stored secret.
/// </summary>
public static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapAdminClients(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.AdminV1Clients, async (HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var query = ReadQuery(http.Request.Query, out var problem);
            if (query is null)
            {
                return OAuthErrorResults.InvalidRequest(problem!);
            }

            var page = await sender.Send(query, ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(AdminPage<ClientRecord>.Of(
                page.Clients.Select(ClientRecord.From).ToList(), AdminCursor.Encode(page.NextAfter), http.Request, oauth.Value.Issuer));
        }).RequireAuthorization(AdminScopes.ClientsRead)
            .WithSummary("Clients by client id")
            .WithDescription("Clients in client-id order (ordinal), in pages; next, when not null, is the link to the next page. Never a secret.")
            .Produces<AdminPage<ClientRecord>>()
            .WithQueryParameters(
                new("client_id_prefix", "Only clients whose id starts with this (case-sensitive)."),
                new("grant_type", "Only clients allowed this grant type (authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code, urn:ietf:params:oauth:grant-type:token-exchange)."),
                new("count", $"Clients per page, from 1 to {SearchClients.MaximumCount} (default {SearchClients.DefaultCount}).", JsonSchemaType.Integer, "int32"),
                new("cursor", "From the next link of the previous page; opaque."));

        app.MapGet(Routes.AdminV1Clients + "/{client_id}", async ([FromRoute(Name = "client_id")] string clientId, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var found = await sender.Send(new GetClient(clientId), ct);
            return found.Succeeded ? Client(http, found.Value, StatusCodes.Status200OK) : AdminResults.Error(found.Error);
        }).RequireAuthorization(AdminScopes.ClientsRead)
            .WithSummary("One client")
            .WithDescription("The client's definition and its strong ETag (the stored version; changes with every change). Never a secret. 404 not_found for an unknown id.")
            .Produces<ClientDetailsRecord>();

        app.MapPost(Routes.AdminV1Clients, async ([FromBody] ClientRequest request, HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var created = await sender.Send(request.ToCommand(), ct);
            if (!created.Succeeded)
            {
                return AdminResults.Error(created.Error);
            }

            http.Response.Headers.Location = Routes.UnderIssuer(oauth.Value.Issuer, Routes.AdminV1Clients + "/" + Uri.EscapeDataString(created.Value.Client.ClientId)).AbsoluteUri;
            return Client(http, created.Value.Client, StatusCodes.Status201Created, created.Value.GeneratedSecret);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Create a client")
            .WithDescription("Registers a client with the rules of a seed-file entry. A confidential client (confidential: true, or of the client_credentials or token-exchange grant) without client_secret gets a generated one (256 random bits, base64url), returned once in this answer as client_secret; a stated secret is never returned. 409 conflict for an id that exists; 400 with errors[].field for an invalid definition. Audited.")
            .Produces<ClientDetailsRecord>(StatusCodes.Status201Created);

        app.MapPut(Routes.AdminV1Clients + "/{client_id}", async (
            [FromRoute(Name = "client_id")] string clientId, [FromBody] ClientUpdateRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var updated = await sender.Send(request.ToCommand(clientId, VersionTag.Expected(http.Request)), ct);
            return updated.Succeeded ? Client(http, updated.Value, StatusCodes.Status200OK) : AdminResults.Error(updated.Error);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Replace a client's definition")
            .WithDescription("Everything but the secret, which is kept. If-Match (optional) with the ETag read: 412 precondition_failed when the client has changed since. The same body twice leaves the client as it was. 404 not_found for an unknown id. Audited.")
            .Produces<ClientDetailsRecord>();

        app.MapDelete(Routes.AdminV1Clients + "/{client_id}", async ([FromRoute(Name = "client_id")] string clientId, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var removed = await sender.Send(new RemoveClient(clientId, VersionTag.Expected(http.Request)), ct);
            return removed.Succeeded ? Results.NoContent() : AdminResults.Error(removed.Error);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Remove a client")
            .WithDescription("Removes the client with its authorizations and tokens; its access tokens stop being active. If-Match (optional): 412 when the client has changed since. 404 not_found for an unknown id. Audited.")
            .Produces(StatusCodes.Status204NoContent);

        app.MapPost(Routes.AdminV1Clients + "/{client_id}/secret", async (
            [FromRoute(Name = "client_id")] string clientId, [FromBody] SecretRotationRequest? request, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var rotated = await sender.Send(new RotateClientSecret(clientId, request?.PreviousSecretValidUntil, request?.PreviousSecretValidFor), ct);
            if (!rotated.Succeeded)
            {
                return AdminResults.Error(rotated.Error);
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(SecretRotationRecord.From(rotated.Value));
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Rotate a client's secret")
            .WithDescription($"Generates a new secret, returned once. The previous one keeps working until previous_secret_valid_until (RFC 3339) or for previous_secret_valid_for seconds, at most {ClientSecrets.MaximumOverlap.TotalDays:0} days, on every node; with neither it stops at once and the client's tokens are cut off. 400 for a public client and for one that signs with keys. Audited.")
            .Produces<SecretRotationRecord>();
        return app;
    }

    private static IResult Client(HttpContext http, ClientDetails client, int status, string? generatedSecret = null)
    {
        http.Response.Headers.CacheControl = "no-store";
        VersionTag.Write(http.Response, client.Version);
        return Results.Json(ClientDetailsRecord.From(client) with { ClientSecret = generatedSecret }, statusCode: status);
    }

    private static SearchClients? ReadQuery(IQueryCollection query, out string? problem)
    {
        problem = null;
        string? after = null;
        var count = SearchClients.DefaultCount;
        if (AdminQuery.RepeatsAParameter(query))
        {
            problem = AdminQuery.RepeatedParameter;
        }
        else if (query[AdminPage<ClientRecord>.CursorParameter] is [{ } cursor] && (after = AdminCursor.Decode(cursor)) is null)
        {
            problem = "cursor is the one in a previous page's next link.";
        }
        else if (!AdminQuery.TryCount(query, ref count))
        {
            problem = $"count is a whole number from 1 to {SearchClients.MaximumCount}.";
        }

        // Ranges are the query's validator's to check.
        return problem is not null ? null : new SearchClients(AdminQuery.Text(query, "client_id_prefix"), AdminQuery.Text(query, "grant_type"), after, count);
    }
}
