using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Auth.Application.Users;

/// <summary>
/// Withdraws what a user allowed a client: the remembered consent (a permanent authorization) and every token the
/// client holds for the user. The next sign-in to that client asks for consent again. Returns how many were revoked.
/// </summary>
public sealed record WithdrawConsent(string UserName, string ClientId) : ICommand<Result<long>>;

public sealed class WithdrawConsentHandler(
    IAuthDbContext db,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    ISecurityEvents events) : ICommandHandler<WithdrawConsent, Result<long>>
{
    public async ValueTask<Result<long>> Handle(WithdrawConsent command, CancellationToken cancellationToken)
    {
        var userId = await db.Users.Named(command.UserName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return Error.NotFound($"No user is named '{command.UserName}'.");
        }

        var application = await applications.FindByClientIdAsync(command.ClientId, cancellationToken);
        if (application is null)
        {
            return Error.NotFound($"No client has the id '{command.ClientId}'.");
        }

        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        // Read each list whole before changing it: a database connection runs one command at a time.
        long revoked = 0;
        foreach (var authorization in await authorizations.FindAsync(userId, applicationId, status: null, type: null, scopes: null, cancellationToken).ToListAsync(cancellationToken))
        {
            revoked += await authorizations.TryRevokeAsync(authorization, cancellationToken) ? 1 : 0;
        }

        foreach (var token in await tokens.FindAsync(userId, applicationId, status: null, type: null, cancellationToken).ToListAsync(cancellationToken))
        {
            revoked += await tokens.TryRevokeAsync(token, cancellationToken) ? 1 : 0;
        }

        events.Record(new SecurityEvent(SecurityEventTypes.ConsentWithdrawn, SecurityEventOutcomes.Success, userId, command.ClientId));
        return revoked;
    }
}
