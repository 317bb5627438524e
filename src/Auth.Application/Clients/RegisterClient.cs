using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;

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
        if (await ClientRegistration.FirstUnregisteredScopeAsync(client, scopes, cancellationToken) is { } unknown)
        {
            return Error.Invalid($"The scope '{unknown}' is not registered.");
        }

        // The registration and the role mapping are one change: both or neither.
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        if (!command.ReplaceExisting)
        {
            if (!await clients.AddAsync(client, cancellationToken))
            {
                return Error.Conflict($"A client with id '{client.ClientId}' already exists.");
            }

            await ClientRegistration.ApplyRoleMappingsAsync(client, db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId, Detail: "created"));
            return ChangeOutcome.Created;
        }

        if (await clients.FindAsync(client.ClientId, cancellationToken) is { } stored)
        {
            var kept = ClientRegistration.KeepingStrangerRules(client, stored, secretKept: false);
            if (!kept.Succeeded)
            {
                return kept.Error;
            }

            client = kept.Value;
        }

        var outcome = await clients.ApplyAsync(client, cancellationToken);
        if (await ClientRegistration.ApplyRoleMappingsAsync(client, db, cancellationToken) && outcome == ChangeOutcome.Unchanged)
        {
            // The roles live beside the registration: its new version makes a writer that read the old one lose its race.
            await clients.NewVersionAsync(client.ClientId, cancellationToken);
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
}
