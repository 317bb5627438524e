using Auth.Application.Clients;
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

public sealed class EnsureMfaScopeHandler(IOpenIddictScopeManager scopes) : ICommandHandler<EnsureMfaScope, ChangeOutcome>
{
    public async ValueTask<ChangeOutcome> Handle(EnsureMfaScope command, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome(await RegisterScopeHandler.ApplyAsync(scopes, MfaScope.Definition, replaceExisting: true, cancellationToken));
        }
        catch (DbUpdateException)
        {
            // Another node starting at the same time may have created it first (the scope name is unique): look again.
            if (await scopes.FindByNameAsync(MfaScope.Name, cancellationToken) is null)
            {
                throw;
            }

            return Outcome(await RegisterScopeHandler.ApplyAsync(scopes, MfaScope.Definition, replaceExisting: true, cancellationToken));
        }
    }

    private static ChangeOutcome Outcome(Result<ChangeOutcome> result) => result.Succeeded
        ? result.Value
        : throw new InvalidOperationException($"The {MfaScope.Name} scope could not be registered: {result.Error.Description}");
}
