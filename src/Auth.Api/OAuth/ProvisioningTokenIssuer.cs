using System.Globalization;
using System.Security.Claims;
using Auth.Api.OAuth.Handlers.Token;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth;

/// <summary>
/// Issues a long-lived access token for a provisioning client (the "secret token" that Okta's and Microsoft Entra
/// ID's SCIM connectors take), through OpenIddict's own sign-in pipeline, so it is an ordinary stored token:
/// it introspects, shows up in revocation, and is revoked with the client.
/// </summary>
public sealed class ProvisioningTokenIssuer(
    IOpenIddictServerFactory factory,
    IOpenIddictServerDispatcher dispatcher,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<OAuthOptions> options,
    IOptions<SigningKeyPolicy> keys,
    ISecurityEvents events,
    TimeProvider clock)
{
    /// <summary>
    /// A retired signing key is published for SigningKeys:MaximumTokenLifetime; a token must not outlive the key that
    /// signed it, so that setting bounds these tokens too (raise it for longer-lived provisioning tokens).
    /// </summary>
    public TimeSpan MaximumLifetime => keys.Value.MaximumTokenLifetime;

    public async Task<Result<(string Token, DateTimeOffset ExpiresAt)>> IssueAsync(string clientId, string scope, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var days = lifetime ?? MaximumLifetime;
        if (days <= TimeSpan.Zero || days > MaximumLifetime)
        {
            return Error.Invalid($"The lifetime is at most {MaximumLifetime.TotalDays:0} days (SigningKeys:MaximumTokenLifetime; raise it for longer-lived tokens).");
        }

        if (Application.Clients.StandardScopes.UserOnly.Contains(scope))
        {
            return Error.Invalid($"The scope '{scope}' is for users; a client's own token cannot carry it.");
        }

        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return Error.NotFound($"No client has the id '{clientId}'.");
        }

        if (!await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, cancellationToken))
        {
            return Error.Invalid($"The client '{clientId}' may not use the scope '{scope}'.");
        }

        var transaction = await factory.CreateTransactionAsync();
        transaction.EndpointType = OpenIddictServerEndpointType.Token;
        transaction.BaseUri = options.Value.Issuer;
        transaction.RequestUri = Routes.UnderIssuer(options.Value.Issuer, Routes.Token);
        transaction.Request = new OpenIddictRequest { GrantType = GrantTypes.ClientCredentials, ClientId = clientId, Scope = scope };
        transaction.Response = new OpenIddictResponse();
        transaction.Properties[CompleteTokenResponsesOutsideHttp.OutsideHttp] = true;

        var identity = await ClientIdentity.CreateAsync(clientId, application, [scope], applications, scopes, cancellationToken);
        identity.SetAccessTokenLifetime(days);
        var context = new OpenIddictServerEvents.ProcessSignInContext(transaction) { Principal = new ClaimsPrincipal(identity) };
        await dispatcher.DispatchAsync(context);
        if (context.IsRejected || string.IsNullOrEmpty(context.AccessToken))
        {
            return Error.Invalid(context.ErrorDescription ?? "The token could not be issued.");
        }

        // A credential that lives for weeks, minted outside the token endpoint: the minting is audited, with the client,
        // the scope and the expiry, never the token.
        var expiresAt = clock.GetUtcNow() + days;
        events.Record(new SecurityEvent(SecurityEventTypes.ProvisioningTokenMinted, SecurityEventOutcomes.Success, ClientId: clientId,
            Detail: $"scope={scope} expires={expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}"));
        return (context.AccessToken, expiresAt);
    }
}
