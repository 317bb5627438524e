using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scopes;

/// <summary>
/// Replaces a registered scope's display name, description and resources. With <see cref="ExpectedVersion"/>, refused
/// when the stored scope has changed since that version was read; a change that loses its race to another writer saving
/// the scope meanwhile writes nothing (412 with that version, else 409). The built-in scopes are refused (a conflict, as for
/// their removal): the server restores them at every start.
/// </summary>
public sealed record UpdateScope(ScopeDefinition Scope, string? ExpectedVersion = null) : ICommand<Result<RegisteredScope>>;

public sealed class UpdateScopeValidator : AbstractValidator<UpdateScope>
{
    public UpdateScopeValidator() => RuleFor(c => c.Scope).SetValidator(new ScopeDefinitionValidator()).OverridePropertyName(string.Empty);
}

public sealed class UpdateScopeHandler(IScopeRegistry scopes, IAuthDbContext db, ISecurityEvents events) : ICommandHandler<UpdateScope, Result<RegisteredScope>>
{
    public async ValueTask<Result<RegisteredScope>> Handle(UpdateScope command, CancellationToken cancellationToken)
    {
        var name = command.Scope.Name;
        if (BuiltInScopes.Names.Contains(name))
        {
            return Error.Conflict($"The scope '{name}' is built in and cannot be changed.");
        }

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var current = await scopes.FindAsync(name, cancellationToken);
        if (current is null)
        {
            return Error.NotFound($"No scope is named '{name}'.");
        }

        if (command.ExpectedVersion is { } expected && !string.Equals(expected, current.Version, StringComparison.Ordinal))
        {
            return Error.PreconditionFailed($"The scope '{name}' has changed since the version given; read it again.");
        }

        ChangeOutcome outcome;
        try
        {
            outcome = await scopes.ApplyAsync(command.Scope, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer saved (or removed) the scope between this one's read and its save: nothing of this one was written.
            db.DiscardChanges();
            if (!await scopes.ExistsAsync(name, cancellationToken))
            {
                return Error.NotFound($"No scope is named '{name}'.");
            }

            return command.ExpectedVersion is null
                ? Error.Conflict($"The scope '{name}' changed while this change was being made, and nothing was saved: read it again.")
                : Error.PreconditionFailed($"The scope '{name}' has changed since the version given; read it again.");
        }

        var updated = await scopes.FindAsync(name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (outcome != ChangeOutcome.Unchanged)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.ScopeRegistered, SecurityEventOutcomes.Success, Detail: $"{name} updated"));
        }

        return updated is null ? Error.NotFound($"No scope is named '{name}'.") : updated;
    }
}
