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
/// The first step of "Forgot your password?": someone named an account by its user name or e-mail address; if it is an
/// enabled user who already has a password and a verified address, this makes a one-time reset link (the set-password
/// link of <see cref="PasswordSetupLinkIssuer"/>, valid for <see cref="SignInOptions.PasswordResetLinkLifetime"/>) and
/// the mail that carries it to the user's primary address, for <see cref="DeliverPasswordResetLink"/> to send. A user
/// provisioned without a password is given a link by an operator, and one who signs in at an upstream provider has no
/// password here to reset; an address nobody vouched for (<see cref="User.EmailVerified"/>) may be a typing mistake of
/// the operator's, and a reset would hand the account to whoever holds it. At most one link per user per
/// <see cref="SignInOptions.PasswordResetInterval"/>. Nothing of this reaches the person who asked: a refusal is in the
/// audit log as <c>user.password_reset</c> with its reason and the asking request's address, never what was typed.
/// </summary>
/// <param name="UserNameOrEmail">What was typed: a user name, or an address exactly one user has.</param>
/// <param name="SetPasswordPage">The absolute address of the set-password page; the token goes in its query.</param>
/// <param name="IpAddress">The client IP of the request that asked, for the audit log.</param>
/// <param name="CorrelationId">That request's correlation id, for the audit log.</param>
public sealed record IssuePasswordResetLink(string UserNameOrEmail, Uri SetPasswordPage, string? IpAddress = null, string? CorrelationId = null)
    : ICommand<IssuedPasswordReset?>
{
    public const int MaximumLength = 320;

    // A record prints every member: what was typed may be a password typed in the wrong field.
    private bool PrintMembers(System.Text.StringBuilder builder) => false;
}

/// <summary>A reset link made and the mail that carries it, not yet sent; the link is known by its token's hash alone.</summary>
public sealed record IssuedPasswordReset(
    string UserId, string UserName, OutgoingMail Mail, string TokenHash, DateTimeOffset ExpiresAt, string? IpAddress, string? CorrelationId)
{
    // The mail holds the link: only whose it is may reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId);
        return true;
    }
}

public sealed class IssuePasswordResetLinkHandler(
    IAuthDbContext db,
    PasswordSetupLinkIssuer links,
    ISecurityEvents events,
    IOptions<SignInOptions> options,
    TimeProvider clock) : ICommandHandler<IssuePasswordResetLink, IssuedPasswordReset?>
{
    public async ValueTask<IssuedPasswordReset?> Handle(IssuePasswordResetLink command, CancellationToken cancellationToken)
    {
        var user = await FindAsync(command.UserNameOrEmail.Trim(), cancellationToken);
        if (await RefusalAsync(user, cancellationToken) is { } reason)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordReset, SecurityEventOutcomes.Failure, user?.Id,
                Detail: reason, IpAddress: command.IpAddress, CorrelationId: command.CorrelationId));
            return null;
        }

        var (token, expiresAt) = await links.IssueAsync(user!.Id, options.Value.PasswordResetLinkLifetime, cancellationToken);
        var mail = PasswordSetupLinkMail.ComposeReset(
            user.PrimaryEmail!, user.UserName, user.DisplayName, PasswordSetupTokens.LinkTo(command.SetPasswordPage, token), expiresAt);
        return new IssuedPasswordReset(user.Id, user.UserName, mail, PasswordSetupTokens.Hash(token), expiresAt, command.IpAddress, command.CorrelationId);
    }

    /// <summary>The user the typed value names: the user name, else the one user who has the address (none when several do).</summary>
    private async Task<User?> FindAsync(string typed, CancellationToken cancellationToken)
    {
        if (typed.Length is 0 or > IssuePasswordResetLink.MaximumLength)
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

    /// <summary>Why the user gets no link (the audit log's detail), or null when they get one.</summary>
    private async Task<string?> RefusalAsync(User? user, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            return "no_match";
        }

        if (!user.IsActive)
        {
            return "disabled";
        }

        if (user.PasswordHash is null)
        {
            return "no_password";
        }

        if (user.PrimaryEmail is not { } address || !MailAddress.TryCreate(address, out _))
        {
            return "no_address";
        }

        if (!user.EmailVerified)
        {
            return "unverified_address";
        }

        // Compared here, not in SQL: SQLite cannot order DateTimeOffset values. A user has one link at most.
        var since = clock.GetUtcNow() - options.Value.PasswordResetInterval;
        var issued = await db.PasswordSetupLinks.AsNoTracking().Where(l => l.UserId == user.Id).Select(l => l.CreatedAt).ToListAsync(cancellationToken);
        return issued.Any(at => at > since) ? "too_soon" : null;
    }

    /// <summary>The audit detail of a link made: whose, and until when.</summary>
    public static string Detail(string userName, DateTimeOffset expiresAt) =>
        $"{userName} expires={expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
}
