using Auth.Application.Results;
using FluentValidation;
using Mediator;

namespace Auth.Application.Clients;

/// <summary>
/// Registers a new client for the admin API. A confidential client (asked so, or of the client_credentials or token-exchange grant) that
/// states no secret gets one generated (<see cref="ClientSecrets.Generate"/>), returned here once and never again; a
/// stated secret is never returned.
/// </summary>
public sealed record CreateClient(ClientDefinition Client, bool Confidential = false) : ICommand<Result<CreatedClient>>;

/// <param name="GeneratedSecret">The secret the service made, shown once; null when the caller stated one or the client is public.</param>
public sealed record CreatedClient(ClientDetails Client, string? GeneratedSecret);

public sealed class CreateClientValidator : AbstractValidator<CreateClient>
{
    public CreateClientValidator() =>
        RuleFor(c => c.Client).SetValidator(new ClientDefinitionValidator(secretRequiredForClientCredentials: false)).OverridePropertyName(string.Empty);
}

public sealed class CreateClientHandler(ISender sender) : ICommandHandler<CreateClient, Result<CreatedClient>>
{
    public async ValueTask<Result<CreatedClient>> Handle(CreateClient command, CancellationToken cancellationToken)
    {
        var client = command.Client;
        var confidential = command.Confidential || client.GrantTypes.Any(ClientGrantTypes.ConfidentialOnly.Contains);
        var generated = client.ClientSecret is null && !client.HasKeys && confidential ? ClientSecrets.Generate() : null;
        var registered = await sender.Send(new RegisterClient(client with { ClientSecret = client.ClientSecret ?? generated }), cancellationToken);
        if (!registered.Succeeded)
        {
            return registered.Error;
        }

        var created = await sender.Send(new GetClient(client.ClientId), cancellationToken);
        return created.Succeeded ? new CreatedClient(created.Value, generated) : created.Error;
    }
}
