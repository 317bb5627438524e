using Auth.Application.Clients;
using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Mfa;

/// <summary>
/// Registers the built-in <see cref="MfaScope"/> with its resource, or restores its definition, at every start, so
/// tokens that carry the scope carry the MFA API's audience.
/// </summary>
public sealed record EnsureMfaScope : ICommand<ChangeOutcome>;

public sealed class EnsureMfaScopeHandler(IScopeRegistry scopes, IAuthDbContext db) : ICommandHandler<EnsureMfaScope, ChangeOutcome>
{
    public async ValueTask<ChangeOutcome> Handle(EnsureMfaScope command, CancellationToken cancellationToken)
    {
        try
        {
            return await scopes.ApplyAsync(MfaScope.Definition, cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // Another node starting at the same time created it first (the scope name is unique): look again.
            db.DiscardChanges();
            return await scopes.ApplyAsync(MfaScope.Definition, cancellationToken);
        }
    }
}
