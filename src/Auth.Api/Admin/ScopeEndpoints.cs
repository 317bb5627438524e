using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Application.Admin;
using Auth.Application.Results;
using Auth.Application.Scopes;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Auth.Api.Admin;

/// <summary>
/// /admin/v1/scopes (read: admin.clients.read, write: admin.clients.write): scopes in keyset pages by name, one scope
/// with its ETag, create, replace (If-Match) and delete (If-Match; refused while clients may ask for it, naming them).
/// The built-in scopes are listed but cannot be changed or removed (409 conflict).
/// </summary>
public static class ScopeEndpoints
{
    public static IEndpointRouteBuilder MapAdminScopes(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.AdminV1Scopes, async (HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var query = ReadQuery(http.Request.Query, out var problem);
            if (query is null)
            {
                return OAuthErrorResults.InvalidRequest(problem!);
            }

            var page = await sender.Send(query, ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(AdminPage<ScopeRecord>.Of(
                page.Scopes.Select(ScopeRecord.From).ToList(), AdminCursor.Encode(page.NextAfter), http.Request, oauth.Value.Issuer));
        }).RequireAuthorization(AdminScopes.ClientsRead)
            .WithSummary("Scopes by name")
            .WithDescription("Every registered scope, the built-in ones among them, in name order (ordinal), in pages; next, when not null, is the link to the next page.")
            .Produces<AdminPage<ScopeRecord>>()
            .WithQueryParameters(
                new("count", $"Scopes per page, from 1 to {SearchScopes.MaximumCount} (default {SearchScopes.DefaultCount}).", JsonSchemaType.Integer, "int32"),
                new("cursor", "From the next link of the previous page; opaque."));

        app.MapGet(Routes.AdminV1Scopes + "/{name}", async (string name, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var found = await sender.Send(new GetScope(name), ct);
            return found.Succeeded ? Scope(http, found.Value, StatusCodes.Status200OK) : AdminResults.Error(found.Error);
        }).RequireAuthorization(AdminScopes.ClientsRead)
            .WithSummary("One scope")
            .WithDescription("The scope and its strong ETag (the stored version). 404 not_found for an unknown name.")
            .Produces<ScopeRecord>();

        app.MapPost(Routes.AdminV1Scopes, async ([FromBody] ScopeRequest request, HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var created = await sender.Send(new CreateScope(request.ToDefinition()), ct);
            if (!created.Succeeded)
            {
                return AdminResults.Error(created.Error);
            }

            http.Response.Headers.Location = Routes.UnderIssuer(oauth.Value.Issuer, Routes.AdminV1Scopes + "/" + Uri.EscapeDataString(created.Value.Definition.Name)).AbsoluteUri;
            return Scope(http, created.Value, StatusCodes.Status201Created);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Create a scope")
            .WithDescription("Registers an API scope; its resources become the audiences of tokens that carry it. 409 conflict for a name that exists; 400 for a built-in scope's name or an invalid definition. Audited.")
            .Produces<ScopeRecord>(StatusCodes.Status201Created);

        app.MapPut(Routes.AdminV1Scopes + "/{name}", async (string name, [FromBody] ScopeRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var updated = await sender.Send(new UpdateScope(request.ToDefinition(name), VersionTag.Expected(http.Request)), ct);
            return updated.Succeeded ? Scope(http, updated.Value, StatusCodes.Status200OK) : AdminResults.Error(updated.Error);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Replace a scope's definition")
            .WithDescription("Display name, description and resources (the path names the scope). If-Match (optional): 412 precondition_failed when the scope has changed since. 409 conflict for a built-in scope; 404 not_found for an unknown name. Audited.")
            .Produces<ScopeRecord>();

        app.MapDelete(Routes.AdminV1Scopes + "/{name}", async (string name, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var removed = await sender.Send(new RemoveScope(name, VersionTag.Expected(http.Request)), ct);
            return removed.Succeeded ? Results.NoContent() : Refusal(removed.Error);
        }).RequireAuthorization(AdminScopes.ClientsWrite)
            .WithSummary("Remove a scope")
            .WithDescription("409 conflict while any client may ask for the scope, with those clients' ids in clients; 409 for a built-in scope. If-Match (optional): 412 when the scope has changed since. 404 not_found for an unknown name. Audited.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ScopeInUseBody>(StatusCodes.Status409Conflict);
        return app;
    }

    private static IResult Scope(HttpContext http, RegisteredScope scope, int status)
    {
        http.Response.Headers.CacheControl = "no-store";
        VersionTag.Write(http.Response, scope.Version);
        return Results.Json(ScopeRecord.From(scope.Definition), statusCode: status);
    }

    private static IResult Refusal(Error error) => error is { Kind: ErrorKind.Conflict, Dependents.Count: > 0 }
        ? Results.Json(new ScopeInUseBody(ErrorCodes.Conflict, ErrorBody.Sanitize(error.Description), error.Dependents), statusCode: StatusCodes.Status409Conflict)
        : AdminResults.Error(error);

    private static SearchScopes? ReadQuery(IQueryCollection query, out string? problem)
    {
        problem = null;
        string? after = null;
        var count = SearchScopes.DefaultCount;
        if (AdminQuery.RepeatsAParameter(query))
        {
            problem = AdminQuery.RepeatedParameter;
        }
        else if (query[AdminPage<ScopeRecord>.CursorParameter] is [{ } cursor] && (after = AdminCursor.Decode(cursor)) is null)
        {
            problem = "cursor is the one in a previous page's next link.";
        }
        else if (!AdminQuery.TryCount(query, ref count))
        {
            problem = $"count is a whole number from 1 to {SearchScopes.MaximumCount}.";
        }

        return problem is not null ? null : new SearchScopes(after, count);
    }
}
