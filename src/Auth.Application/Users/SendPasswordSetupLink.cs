using System.Globalization;
using System.Net.Mail;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// An operator has the service e-mail a one-time "set your password" link to the user's own primary address, rather
/// than see it: the link is made as <see cref="CreatePasswordSetupLink"/> makes it (replacing any earlier one), and goes
/// nowhere else; the result names the address, never the link. Refused (conflict) when e-mail is not configured, the
/// user is disabled, or has no usable address, before any link is made. Audited with the actor, never the link.
/// </summary>
/// <param name="SetPasswordPage">The absolute address of the set-password page; the token goes in its query.</param>
public sealed record SendPasswordSetupLink(UserKey User, Uri SetPasswordPage, TimeSpan? ValidFor = null) : ICommand<Result<SentPasswordSetupLink>>;

public sealed record SentPasswordSetupLink(string UserId, string UserName, string SentTo, DateTimeOffset ExpiresAt);

public sealed class SendPasswordSetupLinkValidator : AbstractValidator<SendPasswordSetupLink>
{
    public SendPasswordSetupLinkValidator()
    {
        RuleFor(c => c.User.Value).NotEmpty().MaximumLength(256).OverridePropertyName("user");
        RuleFor(c => c.ValidFor)
            .Must(PasswordSetupTokens.IsAllowedValidity)
            .WithMessage("A link is valid for 5 minutes to 7 days.")
            .OverridePropertyName("valid_for");
    }
}

public sealed class SendPasswordSetupLinkHandler(IAuthDbContext db, PasswordSetupLinkIssuer links, IMailSender mail, ISecurityEvents events)
    : ICommandHandler<SendPasswordSetupLink, Result<SentPasswordSetupLink>>
{
    public async ValueTask<Result<SentPasswordSetupLink>> Handle(SendPasswordSetupLink command, CancellationToken cancellationToken)
    {
        if (!mail.IsConfigured)
        {
            return Error.Conflict("E-mail is not configured (Smtp:Host): create the link without sending it and pass it on yourself.");
        }

        var user = await db.Users.AsNoTracking().Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        if (!user.IsActive)
        {
            return Error.Conflict($"'{user.UserName}' is disabled: enable the user before giving them a link.");
        }

        var address = user.PrimaryEmail;
        if (address is null || !MailAddress.TryCreate(address, out _))
        {
            return Error.Conflict($"'{user.UserName}' has no usable e-mail address: give them one, or create the link without sending it.");
        }

        var (token, expiresAt) = await links.IssueAsync(user.Id, command.ValidFor, cancellationToken);
        var message = PasswordSetupLinkMail.Compose(address, user.UserName, user.DisplayName, PasswordSetupTokens.LinkTo(command.SetPasswordPage, token), expiresAt);
        var detail = $"{user.UserName} expires={expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (MailDeliveryException)
        {
            // Recorded, then left to the edge, which answers 503: the link made is held by nobody.
            events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordLinkSent, SecurityEventOutcomes.Failure, user.Id, Detail: detail));
            throw;
        }

        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordLinkSent, SecurityEventOutcomes.Success, user.Id, Detail: detail));
        return new SentPasswordSetupLink(user.Id, user.UserName, address, expiresAt);
    }
}
