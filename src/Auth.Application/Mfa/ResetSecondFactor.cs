using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Mfa;

/// <summary>
/// An operator removes a user's authenticator and recovery codes (the user lost both); the user signs in with the
/// password alone, or enrols again where a client requires a second factor. Their sessions end.
/// </summary>
public sealed record ResetSecondFactor(UserKey User) : ICommand<Result<bool>>;

public sealed class ResetSecondFactorHandler(IAuthDbContext db, UserAccessRevocation revocation, ISecurityEvents events) : ICommandHandler<ResetSecondFactor, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(ResetSecondFactor command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        await db.RecoveryCodes.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.TotpAuthenticators.Where(a => a.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await revocation.EndSessionsAsync(user.Id, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.MfaReset, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return removed > 0;
    }
}
