using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;

namespace Auth.Application.Clients;

/// <summary>
/// Replaces a client's definition, keeping its secret and client type (a secret changes only by
/// <see cref="RotateClientSecret"/>). With <see cref="ExpectedVersion"/>, refused when the stored client or its roles have changed
/// since that version was read (optimistic concurrency); the same definition twice changes nothing.
/// </summary>
public sealed record UpdateClient(ClientDefinition Client, string? ExpectedVersion = null) : ICommand<Result<ClientDetails>>;

public sealed class UpdateClientValidator : AbstractValidator<UpdateClient>
{
    public UpdateClientValidator() =>
        RuleFor(c => c.Client).SetValidator(new ClientDefinitionValidator(secretRequiredForClientCredentials: false)).OverridePropertyName(string.Empty);
}

public sealed class UpdateClientHandler(
    IClientRegistry clients,
    IScopeRegistry scopes,
    IAuthDbContext db,
    ISecurityEvents events,
    ISender sender) : ICommandHandler<UpdateClient, Result<ClientDetails>>
{
    public async ValueTask<Result<ClientDetails>> Handle(UpdateClient command, CancellationToken cancellationToken)
    {
        var client = command.Client;
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            var stored = await clients.FindAsync(client.ClientId, cancellationToken);
            if (stored is null)
            {
                return Error.NotFound($"No client has the id '{client.ClientId}'.");
            }

            var current = await ClientRoles.WithRolesAsync(stored, db, cancellationToken);
            if (command.ExpectedVersion is { } expected && !string.Equals(expected, current.Version, StringComparison.Ordinal))
            {
                return Error.PreconditionFailed($"The client '{client.ClientId}' has changed since the version given; read it again.");
            }

            var kept = ClientRegistration.KeepingStrangerRules(client, current, secretKept: true);
            if (!kept.Succeeded)
            {
                return kept.Error;
            }

            client = kept.Value;
            if (!current.IsConfidential && client.GrantTypes.FirstOrDefault(ClientGrantTypes.ConfidentialOnly.Contains) is { } grant)
            {
                return Error.Invalid($"A public client has no secret, so it cannot use the {grant} grant; register a confidential client instead.");
            }

            if (await ClientRegistration.FirstUnregisteredScopeAsync(client, scopes, cancellationToken) is { } unknown)
            {
                return Error.Invalid($"The scope '{unknown}' is not registered.");
            }

            var version = await clients.ReplaceKeepingSecretAsync(client, cancellationToken);
            var rolesChanged = await ClientRegistration.ApplyRoleMappingsAsync(client, db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (rolesChanged || !string.Equals(version, stored.Version, StringComparison.Ordinal))
            {
                events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId, Detail: "updated"));
            }
        }

        return await sender.Send(new GetClient(client.ClientId), cancellationToken);
    }
}
