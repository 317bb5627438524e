using Auth.Application.Audit;
using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// The second step of "Forgot your password?": sends the mail <see cref="IssuePasswordResetLink"/> made and records
/// <c>user.password_reset</c> (success with the link's expiry). A mail that waited past its link's expiry is not sent;
/// one the server did not take, or a send cut short by the node stopping, fails. Either way the link it carried is
/// removed (nobody holds it) and <c>mail_failed</c> recorded, so the person can ask again at once; the failure is then
/// thrown for the caller to log.
/// </summary>
public sealed record DeliverPasswordResetLink(IssuedPasswordReset Issued) : ICommand;

public sealed class DeliverPasswordResetLinkHandler(IAuthDbContext db, IMailSender mail, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<DeliverPasswordResetLink>
{
    public async ValueTask<Unit> Handle(DeliverPasswordResetLink command, CancellationToken cancellationToken)
    {
        var issued = command.Issued;
        try
        {
            if (issued.ExpiresAt <= clock.GetUtcNow())
            {
                throw new InvalidOperationException("The reset link expired before its mail could be sent.");
            }

            await mail.SendAsync(issued.Mail, cancellationToken);
        }
        catch (Exception)
        {
            try
            {
                await db.PasswordSetupLinks.Where(l => l.TokenHash == issued.TokenHash).ExecuteDeleteAsync(CancellationToken.None);
            }
            finally
            {
                Record(issued, SecurityEventOutcomes.Failure, "mail_failed");
            }

            throw;
        }

        Record(issued, SecurityEventOutcomes.Success, IssuePasswordResetLinkHandler.Detail(issued.UserName, issued.ExpiresAt));
        return Unit.Value;
    }

    private void Record(IssuedPasswordReset issued, string outcome, string detail) =>
        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordReset, outcome, issued.UserId,
            Detail: detail, IpAddress: issued.IpAddress, CorrelationId: issued.CorrelationId));
}
