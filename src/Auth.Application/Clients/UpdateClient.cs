using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Clients;

/// <summary>
/// Replaces a client's definition, keeping its secret and client type (a secret changes only by
/// <see cref="RotateClientSecret"/>). With <see cref="ExpectedVersion"/>, refused when the stored client or its roles have changed
/// since that version was read (optimistic concurrency); the same definition twice changes nothing. A change that loses
/// its race to another writer saving the client meanwhile writes nothing: 412 with that version, else 409.
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
        Result<bool> replaced;
        try
        {
            replaced = await ReplaceAsync(command, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer saved the client between this one's read and its save: nothing of this one was written.
            db.DiscardChanges();
            return command.ExpectedVersion is null
                ? Error.Conflict($"The client '{command.Client.ClientId}' changed while this change was being made, and nothing was saved: read it again.")
                : Error.PreconditionFailed($"The client '{command.Client.ClientId}' has changed since the version given; read it again.");
        }

        return replaced.Succeeded
            ? await sender.Send(new GetClient(command.Client.ClientId), cancellationToken)
            : replaced.Error;
    }

    private async Task<Result<bool>> ReplaceAsync(UpdateClient command, CancellationToken cancellationToken)
    {
        var client = command.Client;
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var stored = await clients.FindAsync(client.ClientId, cancellationToken);
        if (stored is null)
        {
            return Error.NotFound($"No client has the id '{client.ClientId}'.");
        }

        if (command.ExpectedVersion is { } expected && !string.Equals(expected, stored.Version, StringComparison.Ordinal))
        {
            return Error.PreconditionFailed($"The client '{client.ClientId}' has changed since the version given; read it again.");
        }

        var kept = ClientRegistration.KeepingStrangerRules(client, stored, secretKept: true);
        if (!kept.Succeeded)
        {
            return kept.Error;
        }

        client = kept.Value;
        if (!stored.IsConfidential && client.GrantTypes.FirstOrDefault(ClientGrantTypes.ConfidentialOnly.Contains) is { } grant)
        {
            return Error.Invalid($"A public client has no secret, so it cannot use the {grant} grant; register a confidential client instead.");
        }

        if (!stored.IsConfidential && client.FrontchannelLogoutUri is { } frontchannel && FrontChannelLogoutUri.IsPlainHttp(frontchannel))
        {
            return Error.Invalid(FrontChannelLogoutUri.PlainHttpFromAPublicClient);
        }

        if (await ClientRegistration.FirstUnregisteredScopeAsync(client, scopes, cancellationToken) is { } unknown)
        {
            return Error.Invalid($"The scope '{unknown}' is not registered.");
        }

        var version = await clients.ReplaceKeepingSecretAsync(client, cancellationToken);
        var rolesChanged = await ClientRegistration.ApplyRoleMappingsAsync(client, db, cancellationToken);
        if (rolesChanged && string.Equals(version, stored.Version, StringComparison.Ordinal))
        {
            // The roles live beside the registration: its new version makes a writer that read the old one lose its race.
            version = await clients.NewVersionAsync(client.ClientId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (!string.Equals(version, stored.Version, StringComparison.Ordinal))
        {
            events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId, Detail: "updated"));
        }

        return true;
    }
}
