using Auth.Application.Audit;
using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// The second step of "Forgot your password?": sends the mail <see cref="IssuePasswordResetLink"/> made and records
/// <c>user.password_reset</c> (success with the link's expiry). A mail the server did not take, or a send cut short by
/// the node stopping, removes the link it carried (nobody holds it) and is recorded as <c>mail_failed</c>, so the person
/// can ask again at once. True when the mail went out.
/// </summary>
public sealed record DeliverPasswordResetLink(IssuedPasswordReset Issued) : ICommand<bool>;

public sealed class DeliverPasswordResetLinkHandler(IAuthDbContext db, IMailSender mail, ISecurityEvents events) : ICommandHandler<DeliverPasswordResetLink, bool>
{
    public async ValueTask<bool> Handle(DeliverPasswordResetLink command, CancellationToken cancellationToken)
    {
        var issued = command.Issued;
        try
        {
            await mail.SendAsync(issued.Mail, cancellationToken);
        }
        catch (Exception ex) when (ex is MailDeliveryException or OperationCanceledException)
        {
            await db.PasswordSetupLinks.Where(l => l.TokenHash == issued.TokenHash).ExecuteDeleteAsync(CancellationToken.None);
            Record(issued, SecurityEventOutcomes.Failure, "mail_failed");
            if (ex is OperationCanceledException)
            {
                throw;
            }

            return false;
        }

        Record(issued, SecurityEventOutcomes.Success, IssuePasswordResetLinkHandler.Detail(issued.UserName, issued.ExpiresAt));
        return true;
    }

    private void Record(IssuedPasswordReset issued, string outcome, string detail) =>
        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordReset, outcome, issued.UserId,
            Detail: detail, IpAddress: issued.IpAddress, CorrelationId: issued.CorrelationId));
}
