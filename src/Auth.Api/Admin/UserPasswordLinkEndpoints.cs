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
/// user, as <c>users password link</c> prints it. Shown once; audited with the caller, never the link.
/// </summary>
public static class UserPasswordLinkEndpoints
{
    public static IEndpointRouteBuilder MapAdminUserPasswordLinks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.AdminV1Users + "/{id}/password-link", async (
            string id, [FromBody] PasswordLinkRequest? body, HttpContext http, ISender sender, IOptions<OAuthOptions> oauth, CancellationToken ct) =>
        {
            // Clamped so that TimeSpan cannot overflow; the use case refuses what is out of its range, with the rule.
            var validFor = body?.ValidFor is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, -1, 100_000_000)) : (TimeSpan?)null;
            var created = await sender.Send(new CreatePasswordSetupLink(UserKey.WithId(id), validFor), ct);
            if (!created.Succeeded)
            {
                return AdminResults.Error(created.Error);
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new PasswordLinkRecord(created.Value.UserId, PasswordSetupLinkUrl.For(oauth.Value.Issuer, created.Value.Token), AdminTime.Format(created.Value.ExpiresAt)));
        }).RequireAuthorization(AdminScopes.UsersWrite)
            .WithSummary("Create a one-time set-password link")
            .WithDescription("A link (url) to the set-password page that lets the user choose a password once, for valid_for seconds (default 24 hours; 300 to 604800, else 400 with errors[] naming valid_for). It replaces any earlier link of the user; only its hash is stored, so it is shown this once. Setting a password with it ends the user's sessions and revokes their tokens. 404 for an unknown user, 409 for a disabled one. Audited as user.password_link_created (never the link).")
            .Produces<PasswordLinkRecord>()
            .WithErrorAnswers(ErrorAnswers.NotFound(), ErrorAnswers.Conflict("The user is disabled (conflict)."));
        return app;
    }
}
