using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Consent;

/// <summary>
/// Withdraws what a user allowed a client: the remembered consent (a permanent authorization) and every token the
/// client holds for the user. The next sign-in to that client asks for consent again. Returns how many were revoked.
/// </summary>
public sealed record WithdrawConsent(UserKey User, string ClientId) : ICommand<Result<long>>;

public sealed class WithdrawConsentHandler(
    IAuthDbContext db,
    IClientRegistry clients,
    IConsentStore consents,
    ISecurityEvents events) : ICommandHandler<WithdrawConsent, Result<long>>
{
    public async ValueTask<Result<long>> Handle(WithdrawConsent command, CancellationToken cancellationToken)
    {
        var userId = await db.Users.Matching(command.User).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return command.User.NotFound();
        }

        if (!await clients.ExistsAsync(command.ClientId, cancellationToken))
        {
            return Error.NotFound($"No client has the id '{command.ClientId}'.");
        }

        var revoked = await consents.WithdrawAsync(userId, command.ClientId, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.ConsentWithdrawn, SecurityEventOutcomes.Success, userId, command.ClientId));
        return revoked;
    }
}
