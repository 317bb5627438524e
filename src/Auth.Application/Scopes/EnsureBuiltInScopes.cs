using Auth.Application.Admin;
using Auth.Application.Clients;
using Auth.Application.Mfa;
using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scopes;

/// <summary>
/// Registers the built-in scopes (<see cref="MfaScope"/>, <see cref="AdminScopes"/>) with their resources, or restores
/// their definitions, at every start, so tokens that carry one carry its API's audience.
/// </summary>
public sealed record EnsureBuiltInScopes : ICommand<ChangeOutcome>;

public sealed class EnsureBuiltInScopesHandler(IScopeRegistry scopes, IAuthDbContext db) : ICommandHandler<EnsureBuiltInScopes, ChangeOutcome>
{
    public async ValueTask<ChangeOutcome> Handle(EnsureBuiltInScopes command, CancellationToken cancellationToken)
    {
        var outcome = ChangeOutcome.Unchanged;
        foreach (var definition in (IEnumerable<ScopeDefinition>)[MfaScope.Definition, .. AdminScopes.Definitions])
        {
            if (await EnsureAsync(definition, cancellationToken) != ChangeOutcome.Unchanged)
            {
                outcome = ChangeOutcome.Updated;
            }
        }

        return outcome;
    }

    private async Task<ChangeOutcome> EnsureAsync(ScopeDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            return await scopes.ApplyAsync(definition, cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // Another node starting at the same time created it first (the scope name is unique): look again.
            db.DiscardChanges();
            return await scopes.ApplyAsync(definition, cancellationToken);
        }
    }
}
