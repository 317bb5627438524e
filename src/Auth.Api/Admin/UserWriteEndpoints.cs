using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Application.Admin;
using Auth.Application.Mfa;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.Api.Admin;

/// <summary>
/// The admin API's changes to users (scope admin.users.write): create, replace the profile, disable, enable, delete,
/// unlock, set a password, reset the second factor. Each is the use case the command line runs, audited with the
/// calling client. Answers that show the user carry its ETag.
/// </summary>
public static class UserWriteEndpoints
{
    private const string UserPath = Routes.AdminV1Users + "/{id}";

    public static IEndpointRouteBuilder MapAdminUserWrites(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.AdminV1Users, async ([FromBody] NewUserRequest body, HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var created = await sender.Send(new CreateUser(body.ToDefinition()), ct);
            if (!created.Succeeded)
            {
                return AdminResults.Error(created.Error);
            }

            http.Response.Headers.Location = Routes.UnderIssuer(oauth.Value.Issuer, $"{Routes.AdminV1Users}/{created.Value}").AbsoluteUri;
            return await ShowAsync(created.Value, http, sender, StatusCodes.Status201Created, ct);
        }).RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Create a user")
            .WithDescription("201 with the user, its Location and ETag. The password, when given, follows the password policy; 409 conflict when the user name is taken; 400 invalid_request with errors[] naming each field.")
            .Produces<UserDetailsRecord>(StatusCodes.Status201Created)
            .WithErrorAnswers(ErrorAnswers.Conflict("A user has this user name already (conflict)."));

        app.MapPut(UserPath, async (string id, [FromBody] UserProfileRequest body, HttpContext http, ISender sender, CancellationToken ct) =>
            await AnswerAsync(await sender.Send(new UpdateUser(UserKey.WithId(id), body.ToChange(), VersionTag.ExpectedNumber(http.Request)), ct), id, http, sender, ct))
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Replace a user's profile")
            .WithDescription("The whole profile (display, given and family name, e-mail): a field left out is cleared. With If-Match, only while the user is at that ETag (412 precondition_failed otherwise). A user a SCIM client provisioned answers 409 conflict: the directory owns the profile.")
            .Produces<UserDetailsRecord>()
            .WithErrorAnswers(ErrorAnswers.NotFound(), ErrorAnswers.Conflict("A SCIM client provisioned the user and owns the profile (conflict)."),
                ErrorAnswers.PreconditionFailed("If-Match names a version the user is no longer at (precondition_failed)."));

        app.MapDelete(UserPath, async (string id, ISender sender, CancellationToken ct) =>
            await sender.Send(new DeleteUser(UserKey.WithId(id)), ct) is { Succeeded: false } deleted ? AdminResults.Error(deleted.Error!) : Results.NoContent())
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Delete a user")
            .WithDescription("204; the user's sessions end and every token issued to them is revoked. 404 not_found for an unknown id.")
            .Produces(StatusCodes.Status204NoContent)
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapPost(UserPath + "/disable", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
            await AnswerAsync(await sender.Send(new DeactivateUser(UserKey.WithId(id)), ct), id, http, sender, ct))
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Disable a user")
            .WithDescription("The user can no longer sign in; their sessions end and every token issued to them is revoked. 200 with the user, disabled already or not.")
            .Produces<UserDetailsRecord>()
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapPost(UserPath + "/enable", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
            await AnswerAsync(await sender.Send(new EnableUser(UserKey.WithId(id)), ct), id, http, sender, ct))
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Enable a user")
            .WithDescription("The user can sign in again (tokens revoked by the disabling stay revoked). 200 with the user, enabled already or not.")
            .Produces<UserDetailsRecord>()
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapPost(UserPath + "/unlock", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
            await AnswerAsync(await sender.Send(new UnlockUser(UserKey.WithId(id)), ct), id, http, sender, ct))
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Lift a user's lockout")
            .WithDescription("The user signs in with the right password at once; the count of wrong passwords starts again. 200 with the user.")
            .Produces<UserDetailsRecord>()
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapPut(UserPath + "/password", async (string id, [FromBody] PasswordRequest body, ISender sender, CancellationToken ct) =>
            await sender.Send(new SetUserPassword(UserKey.WithId(id), body.Password!), ct) is { Succeeded: false } set ? AdminResults.Error(set.Error!) : Results.NoContent())
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Set a user's password")
            .WithDescription("204. The password follows the password policy (400 invalid_request with errors[] naming password). The user's sessions end and every token issued to them is revoked, as with any new password. The password is never logged or audited.")
            .Produces(StatusCodes.Status204NoContent)
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapDelete(UserPath + "/mfa", async (string id, ISender sender, CancellationToken ct) =>
            await sender.Send(new ResetSecondFactor(UserKey.WithId(id)), ct) is { Succeeded: false } reset ? AdminResults.Error(reset.Error!) : Results.NoContent())
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Reset a user's second factor")
            .WithDescription("204; the user's authenticator and recovery codes are removed, whether they had any or not, and their sessions end. They sign in with the password alone, or enrol again where a client requires a second factor.")
            .Produces(StatusCodes.Status204NoContent)
            .WithErrorAnswers(ErrorAnswers.NotFound());
        return app;
    }

    private static async Task<IResult> AnswerAsync<T>(Result<T> result, string id, HttpContext http, ISender sender, CancellationToken ct) =>
        result.Succeeded ? await ShowAsync(id, http, sender, StatusCodes.Status200OK, ct) : AdminResults.Error(result.Error);

    /// <summary>The user as stored after the change, with its ETag.</summary>
    private static async Task<IResult> ShowAsync(string id, HttpContext http, ISender sender, int status, CancellationToken ct)
    {
        if (await sender.Send(new GetUserProfile(id), ct) is not { } user)
        {
            // Deleted by another request since the change.
            return AdminResults.NoUser(id);
        }

        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ETag = VersionTag.Of(user.Version);
        return TypedResults.Json(UserDetailsRecord.From(user), statusCode: status);
    }
}
