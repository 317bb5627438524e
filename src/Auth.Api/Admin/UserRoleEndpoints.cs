using Auth.Api.OpenApi;
using Auth.Application.Admin;
using Auth.Application.Users;
using Mediator;

namespace Auth.Api.Admin;

/// <summary>
/// PUT and DELETE /admin/v1/users/{id}/roles/{role} (scope admin.roles.write, never admin.users.write): the service's
/// own roles of a user, as <c>users role grant|withdraw</c> changes them. Audited with the calling client.
/// </summary>
public static class UserRoleEndpoints
{
    private const string RolePath = Routes.AdminV1Users + "/{id}/roles/{role}";

    public static IEndpointRouteBuilder MapAdminUserRoles(this IEndpointRouteBuilder app)
    {
        app.MapPut(RolePath, (string id, string role, ISender sender, CancellationToken ct) => ChangeAsync(id, role, held: true, sender, ct))
            .RequireAuthorization(AdminScopes.RolesWrite)
            .WithSummary("Grant a role to a user")
            .WithDescription("204, also when the user holds it already. The one role is admin: the user may enter the admin console (/admin) when signed in with a second factor. 404 not_found for an unknown user, 400 invalid_request for an unknown role. Audited as user.role_granted.")
            .Produces(StatusCodes.Status204NoContent)
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapDelete(RolePath, (string id, string role, ISender sender, CancellationToken ct) => ChangeAsync(id, role, held: false, sender, ct))
            .RequireAuthorization(AdminScopes.RolesWrite)
            .WithSummary("Withdraw a role from a user")
            .WithDescription("204, also when the user did not hold it. An administrator is out of the console at their next request. 404 not_found for an unknown user, 400 invalid_request for an unknown role. Audited as user.role_withdrawn.")
            .Produces(StatusCodes.Status204NoContent)
            .WithErrorAnswers(ErrorAnswers.NotFound());
        return app;
    }

    private static async Task<IResult> ChangeAsync(string id, string role, bool held, ISender sender, CancellationToken ct) =>
        await sender.Send(new SetUserRole(UserKey.WithId(id), role, held), ct) is { Succeeded: false } changed
            ? AdminResults.Error(changed.Error!)
            : Results.NoContent();
}
