using System.Globalization;
using System.Net.Mail;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.SignIn;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Users;

/// <summary>
/// Someone at the sign-in page's "Forgot your password?" names an account by its user name or e-mail address; the
/// service e-mails that account's own primary address a one-time link to reset its password (the set-password link of
/// <see cref="PasswordSetupLinkIssuer"/>, valid for <see cref="SignInOptions.PasswordResetLinkLifetime"/>). Only an
/// enabled user who already has a password gets one: a user provisioned without one is given a link by an operator,
/// and one who signs in at an upstream provider has no password here to reset. At most one link per user per
/// <see cref="SignInOptions.PasswordResetInterval"/>, so nobody can flood a mailbox or keep replacing the link a user is
/// about to use. Nothing of the outcome reaches the person who asked (the page answers the same, and this runs after
/// its answer): it is in the audit log as <c>user.password_reset</c>, with the request's address, never the link or
/// what was typed.
/// </summary>
/// <param name="UserNameOrEmail">What was typed: a user name, or an address exactly one user has.</param>
/// <param name="SetPasswordPage">The absolute address of the set-password page; the token goes in its query.</param>
/// <param name="IpAddress">The client IP of the request that asked, for the audit log.</param>
/// <param name="CorrelationId">That request's correlation id, for the audit log.</param>
public sealed record SendPasswordResetLink(string UserNameOrEmail, Uri SetPasswordPage, string? IpAddress = null, string? CorrelationId = null)
    : ICommand<PasswordResetOutcome>
{
    // A record prints every member: what was typed may be a password typed in the wrong field.
    private bool PrintMembers(System.Text.StringBuilder builder) => false;
}

/// <summary>What became of a reset request; the audit log's detail for every outcome but <see cref="Sent"/>.</summary>
public enum PasswordResetOutcome
{
    Sent,
    NoMatch,
    Disabled,
    NoPassword,
    NoAddress,
    TooSoon,
    MailFailed,
}

public sealed class SendPasswordResetLinkHandler(
    IAuthDbContext db,
    PasswordSetupLinkIssuer links,
    IMailSender mail,
    ISecurityEvents events,
    IOptions<SignInOptions> options,
    TimeProvider clock) : ICommandHandler<SendPasswordResetLink, PasswordResetOutcome>
{
    public const int MaximumLength = 320;

    public async ValueTask<PasswordResetOutcome> Handle(SendPasswordResetLink command, CancellationToken cancellationToken)
    {
        var user = await FindAsync(command.UserNameOrEmail.Trim(), cancellationToken);
        var outcome = await OutcomeBeforeSendingAsync(user, cancellationToken);
        if (outcome is not PasswordResetOutcome.Sent)
        {
            return Recorded(command, user, outcome);
        }

        var (token, expiresAt) = await links.IssueAsync(user!.Id, options.Value.PasswordResetLinkLifetime, cancellationToken);
        var message = PasswordSetupLinkMail.ComposeReset(user.PrimaryEmail!, user.UserName, user.DisplayName, PasswordSetupTokens.LinkTo(command.SetPasswordPage, token), expiresAt);
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (MailDeliveryException)
        {
            return Recorded(command, user, PasswordResetOutcome.MailFailed);
        }

        return Recorded(command, user, PasswordResetOutcome.Sent, expiresAt);
    }

    /// <summary>The user the typed value names: the user name, else the one user who has the address (none when several do).</summary>
    private async Task<User?> FindAsync(string typed, CancellationToken cancellationToken)
    {
        if (typed.Length is 0 or > MaximumLength)
        {
            return null;
        }

        if (await db.Users.AsNoTracking().Named(typed).SingleOrDefaultAsync(cancellationToken) is { } named)
        {
            return named;
        }

        if (!typed.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var normalized = UserEmail.Normalize(typed);
        var holders = await db.Users.AsNoTracking().Where(u => u.Emails.Any(e => e.NormalizedValue == normalized)).Take(2).ToListAsync(cancellationToken);
        return holders.Count == 1 ? holders[0] : null;
    }

    private async Task<PasswordResetOutcome> OutcomeBeforeSendingAsync(User? user, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            return PasswordResetOutcome.NoMatch;
        }

        if (!user.IsActive)
        {
            return PasswordResetOutcome.Disabled;
        }

        if (user.PasswordHash is null)
        {
            return PasswordResetOutcome.NoPassword;
        }

        if (user.PrimaryEmail is not { } address || !MailAddress.TryCreate(address, out _))
        {
            return PasswordResetOutcome.NoAddress;
        }

        // Compared here, not in SQL: SQLite cannot order DateTimeOffset values. A user has one link at most.
        var since = clock.GetUtcNow() - options.Value.PasswordResetInterval;
        var issued = await db.PasswordSetupLinks.AsNoTracking().Where(l => l.UserId == user.Id).Select(l => l.CreatedAt).ToListAsync(cancellationToken);
        return issued.Any(at => at > since) ? PasswordResetOutcome.TooSoon : PasswordResetOutcome.Sent;
    }

    private PasswordResetOutcome Recorded(SendPasswordResetLink command, User? user, PasswordResetOutcome outcome, DateTimeOffset? expiresAt = null)
    {
        var detail = outcome is PasswordResetOutcome.Sent
            ? $"{user!.UserName} expires={expiresAt!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}"
            : Reason(outcome);
        events.Record(new SecurityEvent(
            SecurityEventTypes.UserPasswordReset,
            outcome is PasswordResetOutcome.Sent ? SecurityEventOutcomes.Success : SecurityEventOutcomes.Failure,
            user?.Id,
            Detail: detail,
            IpAddress: command.IpAddress,
            CorrelationId: command.CorrelationId));
        return outcome;
    }

    private static string Reason(PasswordResetOutcome outcome) => outcome switch
    {
        PasswordResetOutcome.NoMatch => "no_match",
        PasswordResetOutcome.Disabled => "disabled",
        PasswordResetOutcome.NoPassword => "no_password",
        PasswordResetOutcome.NoAddress => "no_address",
        PasswordResetOutcome.TooSoon => "too_soon",
        _ => "mail_failed",
    };
}
