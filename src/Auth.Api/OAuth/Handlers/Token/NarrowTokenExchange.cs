using Auth.Api.OAuth.Handlers.TokenValidation;
using Auth.Application.Admin;
using Auth.Application.Mfa;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// A token exchange (RFC 8693) only narrows. OpenIddict has authenticated the client, checked its permission for the
/// grant and its scopes, and validated the subject and actor tokens (signature, issuer, expiry, type; the revocation
/// feed through <see cref="RefuseRevokedAccessTokens"/>). This adds what it cannot know (docs/security.md, R130–R133):
/// only a confidential client exchanges; it exchanges a user's token it received (addressed to it or issued to it) with an
/// actor token of its own; the scope is within the subject token's and the client's, never offline_access, mfa or an
/// admin scope; the audience is among the resources of that scope. No scope asked for means all the scopes the subject
/// token and the client share; the request is given that scope, so the endpoint issues exactly what was checked.
/// </summary>
public sealed class NarrowTokenExchange(IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (!context.Request.IsTokenExchangeGrantType())
        {
            return;
        }

        var clientId = context.ClientId ?? throw new InvalidOperationException("OpenIddict authenticated a token exchange without a client.");
        var application = await applications.FindByClientIdAsync(clientId, context.CancellationToken)
            ?? throw new InvalidOperationException("OpenIddict authenticated a client that cannot be found.");

        // RFC 8693 §2.1 and RFC 9700 §2.5: a public client's id proves nothing, so a token it holds could be anyone's.
        if (await applications.HasClientTypeAsync(application, ClientTypes.Public, context.CancellationToken))
        {
            context.Reject(OidcErrors.UnauthorizedClient, "Only a confidential client may exchange tokens.");
            return;
        }

        var subject = context.SubjectTokenPrincipal ?? throw new InvalidOperationException("OpenIddict validated a token exchange without a subject token.");

        // RFC 8693 §2.2.2: a subject token unacceptable by policy is invalid_request. The client must have received it:
        // it is the token's audience (a resource server passing the user's token on) or the client it was issued to.
        // OpenIddict checks this only for a token that has audiences; a token without one is checked here too.
        if (!subject.HasAudience(clientId) && RefuseRevokedAccessTokens.ClientIdOf(subject) != clientId)
        {
            context.Reject(OidcErrors.InvalidRequest, "The subject token was neither issued to this client nor addressed to it.");
            return;
        }

        // A client's own token (client_credentials: its sub is the client) names no user to act for.
        if (subject.GetClaim(Claims.Subject) == RefuseRevokedAccessTokens.ClientIdOf(subject))
        {
            context.Reject(OidcErrors.InvalidRequest, "The subject token is a client's own, not a user's.");
            return;
        }

        if (context.ActorTokenPrincipal is { } actor && RefuseRevokedAccessTokens.ClientIdOf(actor) != clientId)
        {
            context.Reject(OidcErrors.InvalidRequest, "The actor token was not issued to this client.");
            return;
        }

        var requested = context.Request.GetScopes();
        if (requested.FirstOrDefault(NeverExchanged) is { } kept)
        {
            context.Reject(OidcErrors.InvalidScope, $"The {kept} scope is not passed on by a token exchange.");
            return;
        }

        var held = subject.GetScopes().Where(scope => !NeverExchanged(scope)).ToHashSet(StringComparer.Ordinal);
        if (!held.IsSupersetOf(requested))
        {
            context.Reject(OidcErrors.InvalidScope, "The scope asked for is wider than the subject token's.");
            return;
        }

        var granted = requested.IsEmpty ? await PermittedAsync(application, held, context.CancellationToken) : [.. requested];
        if (granted.Count == 0)
        {
            context.Reject(OidcErrors.InvalidScope, "The subject token has no scope this client may use.");
            return;
        }

        // RFC 8693 §2.2.2: a target the server will not issue a token for is invalid_target.
        var targets = (await scopes.ListResourcesAsync([.. granted], context.CancellationToken).ToListAsync(context.CancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (!context.Request.GetAudiences().All(targets.Contains))
        {
            context.Reject(OidcErrors.InvalidTarget, "The audience asked for is not a resource of the scope exchanged.");
            return;
        }

        context.Request.Scope = string.Join(' ', granted);
    }

    /// <summary>
    /// offline_access would give a refresh token that outlives the subject token; mfa changes the user's second factor
    /// and stays with the client the user gave it to (KeepTheMfaScopeApart); admin scopes are never a user's.
    /// </summary>
    private static bool NeverExchanged(string scope) =>
        scope is Scopes.OfflineAccess or MfaScope.Name || AdminScopes.Names.Contains(scope);

    private async Task<List<string>> PermittedAsync(object application, IEnumerable<string> held, CancellationToken cancellationToken)
    {
        var permitted = new List<string>();
        foreach (var scope in held.Order(StringComparer.Ordinal))
        {
            // OpenIddict exempts openid from permissions (RejectScopesOutsideClientPermissions does too).
            if (scope is Scopes.OpenId || await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, cancellationToken))
            {
                permitted.Add(scope);
            }
        }

        return permitted;
    }
}
