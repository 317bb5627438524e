using Auth.Api.Errors;
using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Application.Admin;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Auth.Api.Admin;

/// <summary>
/// GET /admin/v1/users and GET /admin/v1/users/{id} (scope admin.users.read): users by user name in keyset pages,
/// filtered by <c>user_name_prefix</c>, <c>email</c>, <c>active</c> and <c>group</c> (a group id), and one user.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapAdminUsers(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.AdminV1Users, async (HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var query = ReadQuery(http.Request.Query, out var problem);
            if (query is null)
            {
                return OAuthErrorResults.InvalidRequest(problem!);
            }

            var page = await sender.Send(query, ct);
            http.Response.Headers.CacheControl = "no-store";
            var next = AdminCursor.Encode(page.NextAfter);
            return Results.Ok(AdminPage<UserRecord>.Of(page.Users.Select(UserRecord.From).ToList(), next, http.Request, oauth.Value.Issuer));
        }).RequireAuthorization(AdminScopes.UsersRead)
            .WithSummary("Users by user name")
            .WithDescription("Users in user-name order, in pages; next, when not null, is the link to the next page.")
            .Produces<AdminPage<UserRecord>>()
            .WithQueryParameters(
                new("user_name_prefix", "Only users whose user name starts with this (compared as user names are, ignoring case)."),
                new("email", "Only users with this e-mail address (ignoring case)."),
                new("active", "Only active (true) or disabled (false) users.", JsonSchemaType.Boolean),
                new("group", "Only direct members of the group with this id."),
                new("count", $"Users per page, from 1 to {SearchUsers.MaximumCount} (default {SearchUsers.DefaultCount}).", JsonSchemaType.Integer, "int32"),
                new("cursor", "From the next link of the previous page; opaque."));

        app.MapGet(Routes.AdminV1Users + "/{id}", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (await sender.Send(new GetUserProfile(id), ct) is not { } user)
            {
                return AdminResults.NoUser(id);
            }

            http.Response.Headers.ETag = VersionTag.Of(user.Version);
            return Results.Ok(UserDetailsRecord.From(user));
        }).RequireAuthorization(AdminScopes.UsersRead)
            .WithSummary("One user")
            .WithDescription("The user's profile and state, with its ETag for If-Match; never a password hash or a second factor's secret. 404 not_found for an unknown id.")
            .Produces<UserDetailsRecord>()
            .WithErrorAnswers(ErrorAnswers.NotFound());
        return app;
    }

    private static SearchUsers? ReadQuery(IQueryCollection query, out string? problem)
    {
        problem = null;
        bool? active = null;
        string? after = null;
        var count = SearchUsers.DefaultCount;
        if (AdminQuery.RepeatsAParameter(query))
        {
            problem = AdminQuery.RepeatedParameter;
        }
        else if (query["active"] is [{ } activeText])
        {
            active = activeText switch { "true" => true, "false" => false, _ => null };
            problem = active is null ? "active is true or false." : null;
        }

        if (problem is null && query[AdminPage<UserRecord>.CursorParameter] is [{ } cursor] && (after = AdminCursor.Decode(cursor)) is null)
        {
            problem = "cursor is the one in a previous page's next link.";
        }
        else if (problem is null && !AdminQuery.TryCount(query, ref count))
        {
            problem = $"count is a whole number from 1 to {SearchUsers.MaximumCount}.";
        }

        // Ranges are the query's validator's to check.
        return problem is not null ? null : new SearchUsers(
            AdminQuery.Text(query, "user_name_prefix"), AdminQuery.Text(query, "email"), active, AdminQuery.Text(query, "group"), after, count);
    }
}
