using Auth.Api.SignIn;
using Auth.Application.Account;
using Auth.Application.Consent;
using Auth.Application.Mfa;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Sessions;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Account;

/// <summary>
/// The account page (<c>/account</c>) of any signed-in user: their profile, a password change, their authenticator
/// (enrol, new recovery codes, remove), their sessions (end one, or every other) and the applications they allowed
/// (withdraw). Every action is the session's own user's: nothing here takes a user id, sessions are named by a
/// reference derived from their id, and every form carries an antiforgery token. The same use cases as the admin API.
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public AccountOverview Account { get; private set; } = default!;

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public IReadOnlyList<GivenConsent> Consents { get; private set; } = [];

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>What the last action did, for the <c>status</c> region.</summary>
    public string? Notice { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>The form the failure belongs to, so the page shows it there.</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await SignedInAsync() is { } me ? await ShowAsync(me, cancellationToken) : SignInFirst();

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (await SignedInAsync() is not { } me)
        {
            return SignInFirst();
        }

        if (NewPassword != ConfirmPassword)
        {
            return await FailAsync(me, "password", "The new password and its confirmation differ.", cancellationToken);
        }

        var changed = await sender.TrySendAsync(new ChangeOwnPassword(me.UserId, me.SessionId, CurrentPassword ?? string.Empty, NewPassword ?? string.Empty), cancellationToken);
        return changed.Succeeded
            ? await ShowAsync(me, cancellationToken, "Your password is changed. Your other sessions have ended, and applications will ask you to sign in again.")
            : await FailAsync(me, "password", changed.Error.Description, cancellationToken);
    }

    public async Task<IActionResult> OnPostEndSessionAsync([FromForm(Name = "session")] string? reference, CancellationToken cancellationToken)
    {
        if (await SignedInAsync() is not { } me)
        {
            return SignInFirst();
        }

        var target = (await ListSessionsAsync(me, cancellationToken)).FirstOrDefault(s => s.Reference == reference && !s.Current);
        if (target is null)
        {
            return NotFound();
        }

        var ended = await sender.Send(new EndUserSession(UserKey.WithId(me.UserId), target.Id), cancellationToken);
        return ended.Succeeded ? await ShowAsync(me, cancellationToken, "The session has ended.") : NotFound();
    }

    public async Task<IActionResult> OnPostEndOtherSessionsAsync(CancellationToken cancellationToken)
    {
        if (await SignedInAsync() is not { } me)
        {
            return SignInFirst();
        }

        var ended = await sender.Send(new EndOtherSessions(me.UserId, me.SessionId), cancellationToken);
        return await ShowAsync(me, cancellationToken, ended == 1 ? "One other session has ended." : $"{ended} other sessions have ended.");
    }

    public async Task<IActionResult> OnPostWithdrawAsync([FromForm(Name = "client")] string? clientId, CancellationToken cancellationToken)
    {
        if (await SignedInAsync() is not { } me)
        {
            return SignInFirst();
        }

        var consents = await sender.Send(new ListUserConsents(UserKey.WithId(me.UserId)), cancellationToken);
        if (!consents.Succeeded || !consents.Value.Any(c => c.ClientId == clientId))
        {
            return NotFound();
        }

        await sender.Send(new WithdrawConsent(UserKey.WithId(me.UserId), clientId!), cancellationToken);
        return await ShowAsync(me, cancellationToken, $"You no longer allow {clientId}; its access to your account has ended.");
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        if (await SignedInAsync() is not { } me)
        {
            return SignInFirst();
        }

        var codes = await sender.TrySendAsync(new RegenerateRecoveryCodes(me.UserId, Code?.Trim() ?? string.Empty), cancellationToken);
        if (!codes.Succeeded)
        {
            return await FailAsync(me, "authenticator", codes.Error.Description, cancellationToken);
        }

        RecoveryCodes = codes.Value;
        return await ShowAsync(me, cancellationToken, "New recovery codes: the old ones no longer work.");
    }

    public async Task<IActionResult> OnPostRemoveAuthenticatorAsync(CancellationToken cancellationToken)
    {
        if (await SignedInAsync() is not { } me)
        {
            return SignInFirst();
        }

        var removed = await sender.TrySendAsync(new RemoveTotp(me.UserId, Code?.Trim(), RecoveryCode: null), cancellationToken);
        if (!removed.Succeeded)
        {
            return await FailAsync(me, "authenticator", removed.Error.Description, cancellationToken);
        }

        // Removing the authenticator ends every session, this one included (some were started with it).
        await SessionCookie.EndAsync(HttpContext);
        return LocalRedirect(Routes.Login + "?ReturnUrl=" + Uri.EscapeDataString(Routes.Account));
    }

    /// <summary>A session as the page shows it; <see cref="Reference"/> names it in forms, never its id.</summary>
    public sealed record SessionRow(string Id, string Reference, bool Current, UserSessionSummary Summary);

    private async Task<Me?> SignedInAsync() =>
        await SessionCookie.CurrentAsync(HttpContext) is { } session &&
        SessionPrincipal.UserId(session) is { } userId && SessionPrincipal.SessionId(session) is { } sessionId
            ? new Me(userId, sessionId)
            : null;

    private async Task<IActionResult> ShowAsync(Me me, CancellationToken cancellationToken, string? notice = null)
    {
        var account = await sender.Send(new GetAccountOverview(me.UserId), cancellationToken);
        if (account is null)
        {
            return SignInFirst();
        }

        Account = account;
        Sessions = await ListSessionsAsync(me, cancellationToken);
        var consents = await sender.Send(new ListUserConsents(UserKey.WithId(me.UserId)), cancellationToken);
        Consents = consents.Succeeded ? consents.Value : [];
        Notice = notice;
        CurrentPassword = NewPassword = ConfirmPassword = Code = null;
        return Page();
    }

    private async Task<IActionResult> FailAsync(Me me, string form, string failure, CancellationToken cancellationToken)
    {
        var page = await ShowAsync(me, cancellationToken);
        Failure = failure;
        FailedForm = form;
        if (page is PageResult)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return page;
    }

    private async Task<IReadOnlyList<SessionRow>> ListSessionsAsync(Me me, CancellationToken cancellationToken)
    {
        var sessions = await sender.Send(new ListUserSessions(UserKey.WithId(me.UserId)), cancellationToken);
        return sessions.Succeeded
            ? sessions.Value.Select(s => new SessionRow(s.Id, SessionReference.Of(s.Id), s.Id == me.SessionId, s)).ToList()
            : [];
    }

    private LocalRedirectResult SignInFirst() => LocalRedirect(Routes.Login + "?ReturnUrl=" + Uri.EscapeDataString(Routes.Account));

    private sealed record Me(string UserId, string SessionId);
}
