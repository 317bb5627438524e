using System.Security.Cryptography;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using System.Buffers.Text;

namespace Auth.Application.Clients.Registration;

/// <summary>
/// RFC 7591 §3: a client registers itself. With an initial access token (<paramref name="Open"/> false) the token is
/// spent and what it allows, within the server's <paramref name="Policy"/>, bounds the client; an open server allows
/// the policy to anyone. The client gets an id of the server's making, a secret when confidential (shown once), and a
/// registration access token to read, change and delete itself (RFC 7592). It is third-party: users are asked.
/// </summary>
/// <param name="Client">The metadata as a definition; its ClientId is ignored.</param>
public sealed record RegisterDynamicClient(ClientDefinition Client, bool Confidential, string? InitialAccessToken, RegistrationAllowance Policy, bool Open)
    : ICommand<Result<DynamicClient>>;

/// <summary>A registered client with what it is told once: its secret and its registration access token.</summary>
public sealed record DynamicClient(ClientDetails Client, string? ClientSecret, string RegistrationAccessToken, DateTimeOffset IssuedAt);

public sealed class RegisterDynamicClientHandler(ISender sender, IRegistrationTokens tokens, IScopeRegistry scopes, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<RegisterDynamicClient, Result<DynamicClient>>
{
    public async ValueTask<Result<DynamicClient>> Handle(RegisterDynamicClient command, CancellationToken cancellationToken)
    {
        // Every rule is checked before the initial access token is spent, so a mistake costs the operator no token.
        var allowance = command.Policy;
        // The secret is the server's to make (RFC 7591 §3.2.1): one in the request is ignored.
        var named = command.Client with
        {
            ClientId = "dyn-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)), ClientSecret = null, FirstParty = false, RequirePkce = true,
            SelfRegistered = true,
        };
        var definition = RegisteredClientRules.WithDefaultScopes(named, allowance);
        if (await RegisteredClientRules.ProblemAsync(definition, allowance, scopes, cancellationToken) is { } beyondPolicy)
        {
            return beyondPolicy;
        }

        if (!command.Open)
        {
            if (string.IsNullOrEmpty(command.InitialAccessToken))
            {
                return Error.Unauthorized("Registration needs an initial access token (Authorization: Bearer).");
            }

            if (await tokens.RedeemInitialAccessTokenAsync(command.InitialAccessToken, cancellationToken) is not { } granted)
            {
                Record(null, SecurityEventOutcomes.Failure, "initial access token refused");
                return Error.Unauthorized("The initial access token is unknown, expired or spent.");
            }

            allowance = granted.Within(command.Policy);
            definition = RegisteredClientRules.WithDefaultScopes(named, allowance);
            if (RegisteredClientRules.Problem(definition, allowance) is { } beyondToken)
            {
                return beyondToken;
            }
        }

        var created = await sender.Send(new CreateClient(definition, command.Confidential), cancellationToken);
        if (!created.Succeeded)
        {
            return created.Error with { Code = created.Error.Kind == ErrorKind.Invalid ? RegisteredClientRules.InvalidClientMetadata : created.Error.Code };
        }

        var registrationToken = await tokens.IssueRegistrationAccessTokenAsync(definition.ClientId, allowance, cancellationToken);
        Record(definition.ClientId, SecurityEventOutcomes.Success, command.Open ? "dynamic registration (open)" : "dynamic registration");
        return new DynamicClient(created.Value.Client, created.Value.GeneratedSecret, registrationToken, clock.GetUtcNow());
    }

    private void Record(string? clientId, string outcome, string detail) =>
        events.Record(new SecurityEvent(SecurityEventTypes.ClientRegistered, outcome, ClientId: clientId, Detail: detail));
}
