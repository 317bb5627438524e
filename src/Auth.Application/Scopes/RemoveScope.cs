using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scopes;

/// <summary>
/// Deletes a registered scope. Refused while a client may still ask for it, naming those clients, so no client is left
/// allowed a scope that no longer exists; and refused for the scopes the server defines itself
/// (<see cref="BuiltInScopes"/>). Tokens already issued with the scope keep their audiences until they expire.
/// </summary>
/// <param name="ExpectedVersion">When given, the scope is removed only while the stored one is at this version.</param>
public sealed record RemoveScope(string Name, string? ExpectedVersion = null) : ICommand<Result<string>>;

public sealed class RemoveScopeHandler(IScopeRegistry scopes, IClientRegistry clients, ISecurityEvents events) : ICommandHandler<RemoveScope, Result<string>>
{
    public async ValueTask<Result<string>> Handle(RemoveScope command, CancellationToken cancellationToken)
    {
        if (BuiltInScopes.Names.Contains(command.Name))
        {
            return Error.Conflict($"The scope '{command.Name}' is built in and cannot be removed.");
        }

        var current = await scopes.FindAsync(command.Name, cancellationToken);
        if (current is null)
        {
            return Error.NotFound($"No scope is named '{command.Name}'.");
        }

        if (command.ExpectedVersion is { } expected && !string.Equals(expected, current.Version, StringComparison.Ordinal))
        {
            return Error.PreconditionFailed($"The scope '{command.Name}' has changed since the version given; read it again.");
        }

        var users = (await clients.ListAsync(cancellationToken))
            .Where(c => c.Scopes.Contains(command.Name, StringComparer.Ordinal))
            .Select(c => c.ClientId)
            .ToList();
        if (users.Count > 0)
        {
            return Error.Conflict($"The scope '{command.Name}' is allowed to these clients: {string.Join(", ", users)}. Remove it from them first.") with
            {
                Dependents = users,
            };
        }

        try
        {
            if (!await scopes.RemoveAsync(command.Name, cancellationToken))
            {
                return Error.NotFound($"No scope is named '{command.Name}'.");
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer saved (or removed) the scope between this one's read and its removal: it stays as that writer left it.
            if (!await scopes.ExistsAsync(command.Name, cancellationToken))
            {
                return Error.NotFound($"No scope is named '{command.Name}'.");
            }

            return command.ExpectedVersion is null
                ? Error.Conflict($"The scope '{command.Name}' changed while it was being removed, and it was not: read it again.")
                : Error.PreconditionFailed($"The scope '{command.Name}' has changed since the version given; read it again.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.ScopeRemoved, SecurityEventOutcomes.Success, Detail: command.Name));
        return command.Name;
    }
}
