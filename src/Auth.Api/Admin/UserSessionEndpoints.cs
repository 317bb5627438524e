using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Application.Admin;
using Auth.Application.Consent;
using Auth.Application.Sessions;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.Admin;

/// <summary>
/// A user's browser sessions and the consents they gave third-party clients (read with admin.users.read, ended or
/// withdrawn with admin.users.write), as the <c>users sessions</c> and <c>users consent</c> verbs do.
/// </summary>
public static class UserSessionEndpoints
{
    private const string SessionsPath = Routes.AdminV1Users + "/{id}/sessions";
    private const string ConsentsPath = Routes.AdminV1Users + "/{id}/consents";

    public static IEndpointRouteBuilder MapAdminUserSessions(this IEndpointRouteBuilder app)
    {
        app.MapGet(SessionsPath, async (string id, HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var sessions = await sender.Send(new ListUserSessions(UserKey.WithId(id)), ct);
            http.Response.Headers.CacheControl = "no-store";
            return sessions.Succeeded
                ? Results.Ok(AdminPage<UserSessionRecord>.Of(sessions.Value.Select(UserSessionRecord.From).ToList(), nextCursor: null, http.Request, oauth.Value.Issuer))
                : AdminResults.Error(sessions.Error);
        }).RequireAuthorization(AdminScopes.UsersRead)
            .WithSummary("A user's sessions")
            .WithDescription("The user's browser sessions still in force, newest first, in one page: when each started and was last used, how the user signed in, and the clients that received a code in it.")
            .Produces<AdminPage<UserSessionRecord>>()
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapDelete(SessionsPath + "/{session_id}", async (string id, string session_id, ISender sender, CancellationToken ct) =>
            await sender.Send(new EndUserSession(UserKey.WithId(id), session_id), ct) is { Succeeded: false } ended ? AdminResults.Error(ended.Error!) : Results.NoContent())
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("End one of a user's sessions")
            .WithDescription("204; the session's cookie no longer signs the user in, on any node. Tokens issued in it keep their lifetimes. 404 not_found for an unknown user or a session that is not theirs.")
            .Produces(StatusCodes.Status204NoContent)
            .WithErrorAnswers(ErrorAnswers.NotFound("No user has this id, or the session is not one of theirs (not_found)."));

        app.MapGet(ConsentsPath, async (string id, HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var consents = await sender.Send(new ListUserConsents(UserKey.WithId(id)), ct);
            http.Response.Headers.CacheControl = "no-store";
            return consents.Succeeded
                ? Results.Ok(AdminPage<UserConsentRecord>.Of(consents.Value.Select(UserConsentRecord.From).ToList(), nextCursor: null, http.Request, oauth.Value.Issuer))
                : AdminResults.Error(consents.Error);
        }).RequireAuthorization(AdminScopes.UsersRead)
            .WithSummary("A user's consents")
            .WithDescription("The third-party clients the user allowed, by client id, with the scopes, in one page.")
            .Produces<AdminPage<UserConsentRecord>>()
            .WithErrorAnswers(ErrorAnswers.NotFound());

        app.MapDelete(ConsentsPath + "/{client_id}", async (string id, string client_id, ISender sender, CancellationToken ct) =>
            await sender.Send(new WithdrawConsent(UserKey.WithId(id), client_id), ct) is { Succeeded: false } withdrawn ? AdminResults.Error(withdrawn.Error!) : Results.NoContent())
            .RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Withdraw a user's consent to a client")
            .WithDescription("204; the consent is withdrawn and every token the client holds for the user is revoked, so its refresh tokens are refused and the next sign-in asks again. 404 not_found for an unknown user or client.")
            .Produces(StatusCodes.Status204NoContent)
            .WithErrorAnswers(ErrorAnswers.NotFound("No user has this id, or no client this client id (not_found)."));
        return app;
    }
}
