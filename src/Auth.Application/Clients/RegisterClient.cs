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
    public RegisterClientValidator() => RuleFor(c => c.Client).SetValidator(new ClientDefinitionValidator());
}

public sealed class RegisterClientHandler(
    IClientRegistry clients,
    IScopeRegistry scopes,
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

        if (!command.ReplaceExisting)
        {
            if (!await clients.AddAsync(client, cancellationToken))
            {
                return Error.Conflict($"A client with id '{client.ClientId}' already exists.");
            }

            events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId, Detail: "created"));
            return ChangeOutcome.Created;
        }

        var outcome = await clients.ApplyAsync(client, cancellationToken);
        if (outcome != ChangeOutcome.Unchanged)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId,
                Detail: outcome == ChangeOutcome.Created ? "created" : "updated"));
        }

        return outcome;
    }
}
