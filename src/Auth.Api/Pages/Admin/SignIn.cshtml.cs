using Auth.Api.AdminConsole;
using Auth.Api.Audit;
using Auth.Api.SignIn;
using Auth.Application.Audit;
using Auth.Application.Mfa;
using Auth.Application.Ports;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Admin;

/// <summary>
/// The way into the admin console: the browser's sign-in session enters it when its user is an active administrator
/// and (by default) signed in with a second factor. Anyone else gets a 403 page saying why, and the refusal is audited.
/// Where the console was asked for comes back as <see cref="ReturnUrl"/>, a path under <c>/admin</c> only. The audit
/// names the user as the actor explicitly: on this anonymous page, the console policy's authentication leaves the
/// request's user empty until the console session exists.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(ISender sender, ISecurityEvents events) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public ConsoleRefusal? Refusal { get; private set; }

    public string? UserName { get; private set; }

    public bool HasAuthenticator { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await SessionCookie.CurrentAsync(HttpContext) is not { } session)
        {
            return SignInFirst();
        }

        var userId = SessionPrincipal.UserId(session)!;
        Refusal = await ConsoleSession.RefusalAsync(HttpContext, session);
        if (Refusal is null)
        {
            await ConsoleSession.EnterAsync(HttpContext, session);
            events.Record(new SecurityEvent(SecurityEventTypes.ConsoleEntered, SecurityEventOutcomes.Success, userId, Actor: RequestActor.UserPrefix + userId));
            return LocalRedirect(Target);
        }

        UserName = session.Identity?.Name;
        HasAuthenticator = await sender.Send(new HasSecondFactor(userId), cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.ConsoleRefused, SecurityEventOutcomes.Rejected, userId,
            Detail: Refusal == ConsoleRefusal.NotAnAdministrator ? "not_an_administrator" : "no_second_factor", Actor: RequestActor.UserPrefix + userId));
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>A session without the second factor the console needs: it ends, and the sign-in (which asks for the code) comes back here.</summary>
    public async Task<IActionResult> OnPostSignInAgainAsync()
    {
        await SessionCookie.EndAsync(HttpContext);
        return SignInFirst();
    }

    /// <summary>Where to go once in: the path asked for when it is the console's, else the dashboard.</summary>
    private string Target =>
        ReturnUrl is { Length: > 0 } asked && Url.IsLocalUrl(asked) && !asked.Any(char.IsControl) &&
        new PathString(asked.Split('?', '#')[0]).StartsWithSegments(Routes.Admin, StringComparison.Ordinal) &&
        !new PathString(asked.Split('?', '#')[0]).StartsWithSegments(Routes.ConsoleSignIn, StringComparison.OrdinalIgnoreCase)
            ? ReturnUrls.Escaped(asked)
            : Routes.Admin;

    private LocalRedirectResult SignInFirst() =>
        LocalRedirect(Routes.Login + "?ReturnUrl=" + Uri.EscapeDataString(Routes.ConsoleSignIn + "?ReturnUrl=" + Uri.EscapeDataString(Target)));
}
