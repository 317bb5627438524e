using Auth.Api.OAuth;
using Auth.Api.OpenApi;
using Auth.Api.SignIn;
using Auth.Application.Admin;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.Api.Admin;

/// <summary>
/// POST /admin/v1/users/{id}/password-link (scope admin.users.write): a one-time "set your password" link for the
/// user, as <c>users password link</c> prints it; or, with <c>"send": true</c>, e-mailed to the user's primary address
/// and not returned. Shown once; audited with the caller, never the link.
/// </summary>
public static class UserPasswordLinkEndpoints
{
    public static IEndpointRouteBuilder MapAdminUserPasswordLinks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.AdminV1Users + "/{id}/password-link", async (
            string id, [FromBody] PasswordLinkRequest? body, HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            var validFor = AdminTime.Duration(body?.ValidFor);
            http.Response.Headers.CacheControl = "no-store";
            if (body?.Send == true)
            {
                var sent = await sender.Send(new SendPasswordSetupLink(UserKey.WithId(id), PasswordSetupLinkUrl.Page(oauth.Value.Issuer), validFor), ct);
                return sent.Succeeded
                    ? Results.Ok(new PasswordLinkRecord(sent.Value.UserId, Url: null, sent.Value.SentTo, AdminTime.Format(sent.Value.ExpiresAt)))
                    : AdminResults.Error(sent.Error);
            }

            var created = await sender.Send(new CreatePasswordSetupLink(UserKey.WithId(id), validFor), ct);
            return created.Succeeded
                ? Results.Ok(new PasswordLinkRecord(created.Value.UserId, PasswordSetupLinkUrl.For(oauth.Value.Issuer, created.Value.Token), SentTo: null, AdminTime.Format(created.Value.ExpiresAt)))
                : AdminResults.Error(created.Error);
        }).RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Create a one-time set-password link, or e-mail it to the user")
            .WithDescription("A link (url) to the set-password page that lets the user choose a password once, for valid_for seconds (default 24 hours; 300 to 604800, else 400 with errors[] naming valid_for). It replaces any earlier link of the user; only its hash is stored, so it is shown this once. " +
                "With \"send\": true the service e-mails the link to the user's primary e-mail address instead (Smtp settings) and the answer holds sent_to and expires_at, never the link; 409 when e-mail is not configured or the user has no e-mail address (no link is made then), 503 when the mail server does not take the message. " +
                "Setting a password with it ends the user's sessions and revokes their tokens. 404 for an unknown user, 409 for a disabled one. Audited as user.password_link_created, or user.password_link_sent (never the link).")
            .Produces<PasswordLinkRecord>()
            .WithErrorAnswers(
                ErrorAnswers.NotFound(),
                ErrorAnswers.Conflict("The user is disabled; with send, e-mail is not configured or the user has no e-mail address (conflict)."),
                ErrorAnswers.Unavailable("With send: the mail server could not be reached or did not take the message (temporarily_unavailable)."));
        return app;
    }
}
