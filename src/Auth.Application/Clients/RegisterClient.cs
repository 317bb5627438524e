using System.Globalization;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

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
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    ISecurityEvents events) : ICommandHandler<RegisterClient, Result<ChangeOutcome>>
{
    public async ValueTask<Result<ChangeOutcome>> Handle(RegisterClient command, CancellationToken cancellationToken)
    {
        var client = command.Client;
        foreach (var scope in client.Scopes)
        {
            if (!StandardScopes.All.Contains(scope) && await scopes.FindByNameAsync(scope, cancellationToken) is null)
            {
                return Error.Invalid($"The scope '{scope}' is not registered.");
            }
        }

        var descriptor = ToDescriptor(client);
        var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId, Detail: "created"));
            return ChangeOutcome.Created;
        }

        if (!command.ReplaceExisting)
        {
            return Error.Conflict($"A client with id '{client.ClientId}' already exists.");
        }

        if (await MatchesAsync(existing, descriptor, cancellationToken))
        {
            return ChangeOutcome.Unchanged;
        }

        await applications.UpdateAsync(existing, descriptor, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, SecurityEventOutcomes.Success, ClientId: client.ClientId, Detail: "updated"));
        return ChangeOutcome.Updated;
    }

    private async Task<bool> MatchesAsync(object existing, OpenIddictApplicationDescriptor wanted, CancellationToken cancellationToken)
    {
        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, existing, cancellationToken);
        var sameShape =
            current.DisplayName == wanted.DisplayName &&
            current.ClientType == wanted.ClientType &&
            current.ConsentType == wanted.ConsentType &&
            current.Permissions.SetEquals(wanted.Permissions) &&
            current.Requirements.SetEquals(wanted.Requirements) &&
            current.RedirectUris.SetEquals(wanted.RedirectUris) &&
            current.PostLogoutRedirectUris.SetEquals(wanted.PostLogoutRedirectUris) &&
            current.Settings.Count == wanted.Settings.Count &&
            current.Settings.All(s => wanted.Settings.TryGetValue(s.Key, out var v) && v == s.Value);
        if (!sameShape)
        {
            return false;
        }

        return wanted.ClientSecret is null
            ? await applications.HasClientTypeAsync(existing, ClientTypes.Public, cancellationToken)
            : await applications.ValidateClientSecretAsync(existing, wanted.ClientSecret, cancellationToken);
    }

    private static OpenIddictApplicationDescriptor ToDescriptor(ClientDefinition client)
    {
        var confidential = client.ClientSecret is not null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            DisplayName = client.DisplayName ?? client.ClientId,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = client.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
        };

        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        if (confidential)
        {
            // RFC 7662 §2.1 and RFC 7009 §2.1: only authenticated clients introspect and revoke.
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
            descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        }

        foreach (var grantType in client.GrantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grantType);
        }

        if (client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            if (!confidential || client.RequirePkce)
            {
                descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            }
        }

        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        if (client.RequireMfa)
        {
            descriptor.Settings[ClientSettings.RequireMfa] = "true";
        }

        SetLifetime(descriptor, Settings.TokenLifetimes.AccessToken, client.AccessTokenLifetime);
        SetLifetime(descriptor, Settings.TokenLifetimes.RefreshToken, client.RefreshTokenLifetime);
        SetLifetime(descriptor, ClientSettings.RefreshTokenAbsoluteLifetime, client.RefreshTokenAbsoluteLifetime);

        return descriptor;
    }

    private static void SetLifetime(OpenIddictApplicationDescriptor descriptor, string setting, int? seconds)
    {
        if (seconds is { } value)
        {
            descriptor.Settings[setting] = TimeSpan.FromSeconds(value).ToString("c", CultureInfo.InvariantCulture);
        }
    }
}
