using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scopes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Auth.Application.Mfa;

/// <summary>
/// Registers the built-in <see cref="MfaScope"/> with its resource, or restores its definition, at every start, so
/// tokens that carry the scope carry the MFA API's audience.
/// </summary>
public sealed record EnsureMfaScope : ICommand<ChangeOutcome>;

public sealed class EnsureMfaScopeHandler(IOpenIddictScopeManager scopes, IAuthDbContext db) : ICommandHandler<EnsureMfaScope, ChangeOutcome>
{
    public async ValueTask<ChangeOutcome> Handle(EnsureMfaScope command, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome(await RegisterScopeHandler.ApplyAsync(scopes, MfaScope.Definition, replaceExisting: true, cancellationToken));
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // Another node starting at the same time created it first (the scope name is unique): look again.
            db.DiscardChanges();
            return Outcome(await RegisterScopeHandler.ApplyAsync(scopes, MfaScope.Definition, replaceExisting: true, cancellationToken));
        }
    }

    private static ChangeOutcome Outcome(Result<ChangeOutcome> result) => result.Succeeded
        ? result.Value
        : throw new InvalidOperationException($"The {MfaScope.Name} scope could not be registered: {result.Error.Description}");
}
