using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Groups;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Clients;

/// <summary>
/// Registers a client, or with <see cref="ReplaceExisting"/> brings an existing one in line with its definition
/// (the seed file does this at every start, so applying it twice changes nothing).
/// </summary>
public sealed record RegisterClient(ClientDefinition Client, bool ReplaceExisting = false) : ICommand<Result<ChangeOutcome>>;

public sealed class RegisterClientValidator : AbstractValidator<RegisterClient>
{
    // Failures are named relative to the definition: the admin API's request body is the definition itself.
    public RegisterClientValidator() => RuleFor(c => c.Client).SetValidator(new ClientDefinitionValidator()).OverridePropertyName(string.Empty);
}

public sealed class RegisterClientHandler(
    IClientRegistry clients,
    IScopeRegistry scopes,
    IAuthDbContext db,
    ISecurityEvents events) : ICommandHandler<RegisterClient, Result<ChangeOutcome>>
{
    public async ValueTask<Result<ChangeOutcome>> Handle(RegisterClient command, CancellationToken cancellationToken)
    {
        var client = command.Client;
        foreach (var scope in client.Scopes)
        {
            if (!StandardScopes.All.Contains(scope) && !await scopes.ExistsAsync(scope, cancellationToken))
            {
                return Error.Invalid($"The scope '{scope}' is not registered.");
            }
        }

        // The registration and the role mapping are one change: both or neither.
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        if (!command.ReplaceExisting)
        {
            if (!await clients.AddAsync(client, cancellationToken))
            {
                return Error.Conflict($"A client with id '{client.ClientId}' already exists.");
            }

            await ApplyRoleMappingsAsync(client, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId, Detail: "created"));
            return ChangeOutcome.Created;
        }

        var outcome = await clients.ApplyAsync(client, cancellationToken);
        if (await ApplyRoleMappingsAsync(client, cancellationToken) && outcome == ChangeOutcome.Unchanged)
        {
            outcome = ChangeOutcome.Updated;
        }

        await transaction.CommitAsync(cancellationToken);
        if (outcome != ChangeOutcome.Unchanged)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId,
                Detail: outcome == ChangeOutcome.Created ? "created" : "updated"));
        }

        return outcome;
    }

    /// <summary>Brings the client's role mapping in line with the definition; true when a row changed.</summary>
    private async Task<bool> ApplyRoleMappingsAsync(ClientDefinition client, CancellationToken cancellationToken)
    {
        var wanted = client.Roles
            .SelectMany(role => role.Value.Select(group => (Role: role.Key.Trim(), GroupKey: group.Trim())))
            .ToHashSet();
        var current = await db.ClientRoleMappings.Where(m => m.ClientId == client.ClientId).ToListAsync(cancellationToken);
        var stale = current.Where(m => !wanted.Contains((m.Role, m.GroupKey))).ToList();
        var added = wanted.Where(w => !current.Any(m => m.Role == w.Role && m.GroupKey == w.GroupKey))
            .Select(w => new ClientRoleMapping(client.ClientId, w.Role, w.GroupKey))
            .ToList();
        if (stale.Count == 0 && added.Count == 0)
        {
            return false;
        }

        db.ClientRoleMappings.RemoveRange(stale);
        db.ClientRoleMappings.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
