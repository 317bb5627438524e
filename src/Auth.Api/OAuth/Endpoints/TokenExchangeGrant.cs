using System.Security.Claims;
using System.Text.Json.Nodes;
using Auth.Api.OAuth.Handlers.TokenValidation;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.OAuth.Endpoints;

/// <summary>
/// The pass-through part of a token exchange (RFC 8693). OpenIddict has validated the subject and actor tokens and
/// <see cref="Handlers.Token.NarrowTokenExchange"/> the client, the scope and the audience. This reads the user again,
/// as a refresh does, and issues an access token only (OpenIddict issues no ID or refresh token for this grant) that
/// says who acts for the user (act, RFC 8693 §4.1) and ends no later than the subject token.
/// </summary>
public static class TokenExchangeGrant
{
    /// <summary>RFC 8693 §4.1: the actor claim.</summary>
    public const string ActorClaim = "act";

    private const string JsonValueType = "JSON";

    public static async Task<IResult> IssueAsync(
        HttpContext context,
        OpenIddictRequest request,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        ISender sender,
        OAuthOptions options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var authentication = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = authentication.Principal ?? throw new InvalidOperationException("OpenIddict validated a token exchange without a subject token.");
        var actor = authentication.Properties?.GetParameter<ClaimsPrincipal>(OpenIddictServerAspNetCoreConstants.Properties.ActorTokenPrincipal);

        // The subject token must be a user's: a client's own token (client_credentials) names no user and is refused.
        var user = await sender.Send(new GetUserProfile(subject.GetClaim(Claims.Subject)!), cancellationToken);
        var facts = SignInFacts.Of(subject);
        if (user is not { IsActive: true } ||
            (!facts.Methods.Contains(SignIn.AuthenticationMethods.Federated) && user.LockoutEnd > clock.GetUtcNow()))
        {
            return TokenEndpoint.InvalidGrant("The subject token's user can no longer sign in, or the token is not a user's.");
        }

        var memberships = await DirectoryClaims.ReadAsync(
            sender, applications, options, user.Id, request.ClientId!, request.HasScope(Auth.Application.Clients.StandardScopes.Groups), cancellationToken);
        var identity = UserIdentity.Create(user, request.GetScopes(), facts, memberships);
        var audiences = request.GetAudiences();
        identity.SetResources(audiences.IsEmpty
            ? await scopes.ListResourcesAsync(identity.GetScopes(), cancellationToken).ToListAsync(cancellationToken)
            : audiences);

        // Revoking the user's grant at the first client revokes what was exchanged from it too (RefuseRevokedAccessTokens).
        identity.SetAuthorizationId(subject.GetAuthorizationId());
        if (Actor(subject, actor) is { } act)
        {
            var claim = new Claim(ActorClaim, act.ToJsonString(), JsonValueType);
            claim.SetDestinations(Destinations.AccessToken);
            identity.AddClaim(claim);
        }

        identity.SetAccessTokenLifetime(await LifetimeAsync(request.ClientId!, subject, actor, applications, options, clock, cancellationToken));
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// RFC 8693 §4.1: with an actor token (delegation), act names the actor (its sub: a user's id, or a client's id for
    /// its own token) and the client it acts through, and nests the subject token's own act (the earlier actors).
    /// Without one (impersonation) nobody new acts: the subject token's act, if any, is kept and the token's client_id
    /// names the client that exchanged it.
    /// </summary>
    private static JsonObject? Actor(ClaimsPrincipal subject, ClaimsPrincipal? actor)
    {
        var earlier = subject.GetClaim(ActorClaim) is { } json ? JsonNode.Parse(json) as JsonObject : null;
        if (actor is null)
        {
            return earlier;
        }

        var act = new JsonObject { [Claims.Subject] = actor.GetClaim(Claims.Subject) };
        if (RefuseRevokedAccessTokens.ClientIdOf(actor) is { } client && client != actor.GetClaim(Claims.Subject))
        {
            act[Claims.ClientId] = client;
        }

        if (earlier is not null)
        {
            act[ActorClaim] = earlier;
        }

        return act;
    }

    /// <summary>The client's access-token lifetime, cut to what is left of the subject token (and of the actor token).</summary>
    private static async Task<TimeSpan> LifetimeAsync(
        string clientId, ClaimsPrincipal subject, ClaimsPrincipal? actor, IOpenIddictApplicationManager applications, OAuthOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        var settings = application is null ? null : await applications.GetSettingsAsync(application, cancellationToken);
        var lifetime = settings is not null && settings.TryGetValue(Settings.TokenLifetimes.AccessToken, out var value) &&
                       TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var configured)
            ? configured
            : options.AccessTokenLifetime;
        var now = clock.GetUtcNow();
        foreach (var token in new[] { subject, actor })
        {
            if (token?.GetExpirationDate() is { } expires && expires - now < lifetime)
            {
                lifetime = expires - now;
            }
        }

        return lifetime;
    }
}
