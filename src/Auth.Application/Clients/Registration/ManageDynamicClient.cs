using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Clients.Registration;

/// <summary>RFC 7592 §2: what a registration access token may do to its own client.</summary>
public enum DynamicClientAction
{
    Read,
    Update,
    Delete,
}

/// <summary>
/// RFC 7592: a dynamically registered client reads (§2.1), replaces (§2.2, within its allowance; its secret and id
/// stay) or deletes (§2.3) its own registration with its registration access token. A wrong token, another client's
/// token, or a client that is gone are all the same 401, so nothing is learnt about other clients.
/// </summary>
/// <param name="Client">The replacement for <see cref="DynamicClientAction.Update"/>; its ClientId is the path's.</param>
/// <param name="Confidential">Whether the replacement authenticates (it may not change from what the client is).</param>
/// <param name="Policy">The server's policy now: a change is held to it as well as to the client's allowance.</param>
public sealed record ManageDynamicClient(
    string ClientId, string RegistrationAccessToken, DynamicClientAction Action, RegistrationAllowance Policy, ClientDefinition? Client = null, bool Confidential = false)
    : ICommand<Result<ClientDetails?>>;

public sealed class ManageDynamicClientHandler(ISender sender, IRegistrationTokens tokens, IScopeRegistry scopes, IClientRegistry clients)
    : ICommandHandler<ManageDynamicClient, Result<ClientDetails?>>
{
    public async ValueTask<Result<ClientDetails?>> Handle(ManageDynamicClient command, CancellationToken cancellationToken)
    {
        if (await tokens.FindRegistrationAccessTokenAsync(command.ClientId, command.RegistrationAccessToken, cancellationToken) is not { } allowance)
        {
            return Error.Unauthorized("The registration access token is not this client's.");
        }

        switch (command.Action)
        {
            case DynamicClientAction.Read:
                var found = await sender.Send(new GetClient(command.ClientId), cancellationToken);
                return found.Succeeded ? found.Value : Error.Unauthorized("The registration access token is not this client's.");
            case DynamicClientAction.Update:
                var current = await sender.Send(new GetClient(command.ClientId), cancellationToken);
                if (!current.Succeeded)
                {
                    return Error.Unauthorized("The registration access token is not this client's.");
                }

                var stored = current.Value;
                if (stored.IsConfidential != command.Confidential || (stored.Jwks is null && stored.JwksUri is null) == command.Client!.HasKeys)
                {
                    return Error.Invalid("token_endpoint_auth_method cannot change: register a new client instead.") with { Code = RegisteredClientRules.InvalidClientMetadata };
                }

                // RFC 7592 §2.2: a client_secret in the replacement must be the current one, and never sets a new one.
                if (command.Client.ClientSecret is { } presented && !await clients.HasSecretAsync(command.ClientId, presented, cancellationToken))
                {
                    return Error.Invalid("client_secret is not the client's current secret.") with { Code = RegisteredClientRules.InvalidClientMetadata };
                }

                // RFC 7591 metadata (the URIs this server calls among it: jwks, request and back-channel logout) is the
                // client's to change; what an operator set beside it (a second factor, PAR, lifetimes, roles, the browser
                // app's CORS origins, signed request objects) stays as it is.
                var within = allowance.Within(command.Policy);
                // What is only about authorization requests is kept while the code grant stays, as the console keeps it.
                var codeGrant = command.Client!.GrantTypes.Contains(ClientGrantTypes.AuthorizationCode);
                var client = RegisteredClientRules.WithDefaultScopes(command.Client!, within) with
                {
                    ClientId = command.ClientId,
                    ClientSecret = null,
                    FirstParty = false,
                    RequirePkce = true,
                    // Its registration access token shows it registered itself, even before the mark existed.
                    SelfRegistered = true,
                    RequireMfa = stored.RequireMfa,
                    RequirePushedAuthorizationRequests = stored.RequirePushedAuthorizationRequests && codeGrant,
                    AccessTokenLifetime = stored.AccessTokenLifetime,
                    RefreshTokenLifetime = stored.RefreshTokenLifetime,
                    RefreshTokenAbsoluteLifetime = stored.RefreshTokenAbsoluteLifetime,
                    GroupsClaim = stored.GroupsClaim,
                    Roles = stored.Roles,
                    AllowedCorsOrigins = stored.AllowedCorsOrigins,
                    // A requirement of signed request objects, the client's or an operator's, is not the replacement's to
                    // drop while the client still makes authorization requests.
                    RequireSignedRequestObject = (stored.RequireSignedRequestObject || command.Client!.RequireSignedRequestObject) && codeGrant,
                };
                if (await RegisteredClientRules.ProblemAsync(client, within, scopes, cancellationToken) is { } problem)
                {
                    return problem;
                }

                var updated = await sender.Send(new UpdateClient(client), cancellationToken);
                return updated.Succeeded
                    ? updated.Value
                    : updated.Error with { Code = updated.Error.Kind == ErrorKind.Invalid ? RegisteredClientRules.InvalidClientMetadata : updated.Error.Code };
            default:
                var removed = await sender.Send(new RemoveClient(command.ClientId), cancellationToken);
                await tokens.RevokeRegistrationAccessTokensAsync(command.ClientId, cancellationToken);
                return removed.Succeeded ? (ClientDetails?)null : removed.Error;
        }
    }
}
