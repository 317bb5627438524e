using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// Deletes a provider with its domains and links (tombstones included), and ends the sessions begun through it:
/// what the provider vouched for no longer holds. Users it created stay, without a way in until linked again.
/// </summary>
public sealed record RemoveIdentityProvider(string Id) : ICommand<Result<string>>;

public sealed class RemoveIdentityProviderHandler(IAuthDbContext db, Sessions.SessionEnding sessions, ISecurityEvents events) : ICommandHandler<RemoveIdentityProvider, Result<string>>
{
    public async ValueTask<Result<string>> Handle(RemoveIdentityProvider command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await sessions.SaveEndingAsync(db.Sessions.Where(s => s.IdentityProviderId == command.Id), cancellationToken);

        // Domains and links go with the provider (cascade).
        if (await db.IdentityProviders.Where(p => p.Id == command.Id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return Error.NotFound($"No identity provider has the id '{command.Id}'.");
        }

        await transaction.CommitAsync(cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.IdentityProviderRemoved, SecurityEventOutcomes.Success, Detail: command.Id));
        return command.Id;
    }
}
