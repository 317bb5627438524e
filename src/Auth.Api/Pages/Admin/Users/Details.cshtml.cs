using Auth.Api.OAuth;
using Auth.Api.SignIn;
using Auth.Application.Consent;
using Auth.Application.Mfa;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Sessions;
using Auth.Application.Users;
using Auth.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Auth.Api.Pages.Admin.Users;

/// <summary>
/// One user: their profile, state, sessions and consents, and what an operator does to them: disable and enable,
/// unlock, reset the second factor, a one-time set-password link, end a session, withdraw a consent, grant or withdraw
/// the administrator role. The same use cases as the admin API. An administrator cannot disable themselves or withdraw
/// their own role, so the console always keeps someone who can undo a mistake.
/// </summary>
public sealed class DetailsModel(ISender sender, IOptions<OAuthOptions> oauth, IMailSender mail, TimeProvider clock) : ConsolePage
{
    [FromRoute(Name = "userId")]
    public string UserId { get; set; } = string.Empty;

    /// <summary>The tick that destructive actions (disable, reset the authenticator) need.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public UserProfile Profile { get; private set; } = default!;

    public bool HasAuthenticator { get; private set; }

    public bool IsLockedOut { get; private set; }

    public IReadOnlyList<(string Reference, UserSessionSummary Summary)> Sessions { get; private set; } = [];

    public IReadOnlyList<GivenConsent> Consents { get; private set; } = [];

    /// <summary>A set-password link just made, shown this once.</summary>
    public CreatedPasswordSetupLink? Link { get; private set; }

    public string? LinkUrl => Link is null ? null : PasswordSetupLinkUrl.For(oauth.Value.Issuer, Link.Token);

    public bool IsSelf => UserId == AdministratorId;

    /// <summary>Whether the service can e-mail a set-password link (<c>Smtp:*</c> configured).</summary>
    public bool CanSendMail => mail.IsConfigured;

    /// <summary>The page; <paramref name="created"/>: just created on the users page, so it says what comes next.</summary>
    public Task<IActionResult> OnGetAsync([FromQuery(Name = "created")] bool created, CancellationToken cancellationToken)
    {
        if (created)
        {
            Notice = "The user is created: give them a password below, by setting one or making a set-password link.";
        }

        return ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        IsSelf ? await RefusedAsync(Error.Conflict("You cannot disable yourself."), cancellationToken)
        : !Confirm ? await RefusedAsync(Unconfirmed, cancellationToken)
        : await DoneAsync(await sender.TrySendAsync(new DeactivateUser(Key), cancellationToken), "The user is disabled: their sessions and tokens have ended.", cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await sender.TrySendAsync(new EnableUser(Key), cancellationToken), "The user is enabled and can sign in again.", cancellationToken);

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await sender.TrySendAsync(new UnlockUser(Key), cancellationToken), "The lockout is lifted.", cancellationToken);

    public async Task<IActionResult> OnPostResetMfaAsync(CancellationToken cancellationToken) =>
        !Confirm ? await RefusedAsync(Unconfirmed, cancellationToken) : await DoneAsync(await sender.TrySendAsync(new ResetSecondFactor(Key), cancellationToken), "The authenticator and recovery codes are removed; the user's sessions have ended.", cancellationToken);

    /// <summary>A password the administrator chooses (under the policy); as any new password, it ends the user's sessions and tokens.</summary>
    public async Task<IActionResult> OnPostSetPasswordAsync(CancellationToken cancellationToken)
    {
        if (NewPassword != ConfirmPassword)
        {
            return await RefusedAsync(Error.Invalid("The password and its confirmation differ."), cancellationToken);
        }

        var set = await sender.TrySendAsync(new SetUserPassword(Key, NewPassword ?? string.Empty), cancellationToken);
        NewPassword = ConfirmPassword = null;
        return await DoneAsync(set, "The password is set; the user's sessions and tokens have ended.", cancellationToken);
    }

    public async Task<IActionResult> OnPostPasswordLinkAsync(CancellationToken cancellationToken)
    {
        var created = await sender.TrySendAsync(new CreatePasswordSetupLink(Key), cancellationToken);
        if (!created.Succeeded)
        {
            return await RefusedAsync(created.Error, cancellationToken);
        }

        Link = created.Value;
        return await DoneAsync<bool>(true, $"A set-password link is made; it works once, until {Time(created.Value.ExpiresAt)}.", cancellationToken);
    }

    /// <summary>The link goes to the user's own primary address, and is never shown here.</summary>
    public async Task<IActionResult> OnPostSendPasswordLinkAsync(CancellationToken cancellationToken)
    {
        try
        {
            var sent = await sender.TrySendAsync(new SendPasswordSetupLink(Key, PasswordSetupLinkUrl.Page(oauth.Value.Issuer)), cancellationToken);
            return sent.Succeeded
                ? await DoneAsync(sent, $"A set-password link is sent to {sent.Value.SentTo}; it works once, until {Time(sent.Value.ExpiresAt)}.", cancellationToken)
                : await RefusedAsync(sent.Error, cancellationToken);
        }
        catch (MailDeliveryException)
        {
            var page = await ShowAsync(cancellationToken);
            return page is PageResult ? Refused("The mail server did not take the message; try again later.", StatusCodes.Status503ServiceUnavailable) : page;
        }
    }

    public async Task<IActionResult> OnPostEndSessionAsync([FromForm(Name = "session")] string? reference, CancellationToken cancellationToken)
    {
        var sessions = await sender.Send(new ListUserSessions(Key), cancellationToken);
        var target = sessions.Succeeded ? sessions.Value.FirstOrDefault(s => SessionReference.Of(s.Id) == reference) : null;
        return target is null
            ? await RefusedAsync(Error.NotFound("The session has already ended."), cancellationToken)
            : await DoneAsync(await sender.TrySendAsync(new EndUserSession(Key, target.Id), cancellationToken), "The session has ended.", cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync([FromForm(Name = "client")] string? clientId, CancellationToken cancellationToken) =>
        await DoneAsync(await sender.TrySendAsync(new WithdrawConsent(Key, clientId ?? string.Empty), cancellationToken), $"The consent to {clientId} is withdrawn and its tokens revoked.", cancellationToken);

    public async Task<IActionResult> OnPostGrantAdministratorAsync(CancellationToken cancellationToken) =>
        await DoneAsync(await sender.TrySendAsync(new SetUserRole(Key, UserRoles.Administrator, Held: true), cancellationToken), "The user is an administrator.", cancellationToken);

    public async Task<IActionResult> OnPostWithdrawAdministratorAsync(CancellationToken cancellationToken) =>
        IsSelf
            ? await RefusedAsync(Error.Conflict("You cannot withdraw your own administrator role."), cancellationToken)
            : await DoneAsync(await sender.TrySendAsync(new SetUserRole(Key, UserRoles.Administrator, Held: false), cancellationToken), "The user is no longer an administrator.", cancellationToken);

    private static Error Unconfirmed => Error.Invalid("Tick the box to confirm.");

    private UserKey Key => UserKey.WithId(UserId);

    private async Task<IActionResult> DoneAsync<T>(Result<T> result, string notice, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return await RefusedAsync(result.Error, cancellationToken);
        }

        Notice = notice;
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetUserProfile(UserId), cancellationToken) is not { } profile)
        {
            return NotFound();
        }

        Profile = profile;
        IsLockedOut = profile.LockoutEnd is { } end && end > clock.GetUtcNow();
        HasAuthenticator = await sender.Send(new HasSecondFactor(UserId), cancellationToken);
        var sessions = await sender.Send(new ListUserSessions(Key), cancellationToken);
        Sessions = sessions.Succeeded ? [.. sessions.Value.Select(s => (SessionReference.Of(s.Id), s))] : [];
        var consents = await sender.Send(new ListUserConsents(Key), cancellationToken);
        Consents = consents.Succeeded ? consents.Value : [];
        return Page();
    }

    private async Task<IActionResult> RefusedAsync(Error error, CancellationToken cancellationToken)
    {
        var page = await ShowAsync(cancellationToken);
        return page is PageResult
            ? Refused(error)
            : page;
    }
}
