using System.Globalization;
using System.Security.Claims;
using Auth.Application.Clients;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Endpoints;

/// <summary>
/// The pass-through part of <c>POST /oauth/token</c>. OpenIddict has already authenticated the client and
/// checked the grant type, the scopes and the client's permissions; this decides what the token says.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.Token, Exchange).ExcludeFromDescription();
        if (app.ServiceProvider.GetRequiredService<Testing.EphemeralMode>().IsOn)
        {
            app.MapPost(Testing.TestingRoutes.Tokens, Exchange).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>
    /// authorization_code, refresh_token and device_code: OpenIddict has validated the code or refresh token (single
    /// use, PKCE, redirect URI, client binding), or the device code the user approved at /device. The user is read again, so a user deactivated or deleted since the grant, or
    /// whose password is locked out when the grant came from it, gets nothing, and the claims are current.
    /// </summary>
    private static async Task<IResult> ExchangeUserGrantAsync(
        HttpContext context,
        OpenIddictRequest request,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        ISender sender,
        OAuthOptions options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var grant = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict validated a grant without a principal.");
        var user = await sender.Send(new GetUserProfile(grant.GetClaim(Claims.Subject)!), cancellationToken);
        var facts = SignInFacts.Of(grant);
        if (user is not { IsActive: true } || (!BegunAtAnUpstreamProvider(facts.Methods) && user.LockoutEnd > clock.GetUtcNow()))
        {
            return InvalidGrant("The user can no longer sign in.");
        }

        var authenticatedAt = UserIdentity.AuthenticatedAt(grant);
        if (request.IsRefreshTokenGrantType() &&
            clock.GetUtcNow() - (authenticatedAt ?? DateTimeOffset.MinValue) > await AbsoluteRefreshLifetimeAsync(request.ClientId!, applications, options, cancellationToken))
        {
            return InvalidGrant("The refresh token has reached its absolute lifetime; the user must sign in again.");
        }

        // Groups and roles are read again too: a membership removed over SCIM is gone from the refreshed tokens.
        var memberships = await DirectoryClaims.ReadAsync(
            sender, applications, options, user.Id, request.ClientId!, grant.HasScope(StandardScopes.Groups), cancellationToken);
        var identity = UserIdentity.Create(user, grant.GetScopes(), facts, memberships);
        identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes(), cancellationToken).ToListAsync(cancellationToken));
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A password lockout stops what this service's password gave, never a sign-in at an upstream provider (docs/security.md,
    /// R7): otherwise anyone typing wrong passwords against an SSO user's name would lock them out of SSO. fed decides, not
    /// pwd: a federated grant's amr may say pwd too (the upstream's password, when the provider is trusted for its methods),
    /// and a grant that says neither is treated as a password one.
    /// </summary>
    private static bool BegunAtAnUpstreamProvider(IReadOnlyList<string> methods) => methods.Contains(SignIn.AuthenticationMethods.Federated);

    private static async Task<TimeSpan> AbsoluteRefreshLifetimeAsync(string clientId, IOpenIddictApplicationManager applications, OAuthOptions options, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        var settings = application is null ? null : await applications.GetSettingsAsync(application, cancellationToken);
        return settings is not null && settings.TryGetValue(ClientSettings.RefreshTokenAbsoluteLifetime, out var value) &&
               TimeSpan.TryParseExact(value, "c", CultureInfo.InvariantCulture, out var lifetime)
            ? lifetime
            : options.RefreshTokenAbsoluteLifetime;
    }

    internal static ForbidHttpResult InvalidGrant(string description) =>
        TypedResults.Forbid(
            authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme],
            properties: new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = OidcErrors.InvalidGrant,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }));

    private static async Task<IResult> Exchange(
        HttpContext context,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        ISender sender,
        IOptions<OAuthOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        // Ephemeral mode's testing grant is answered at /testing/tokens only, and nothing else is (docs/testing.md).
        var atTestingRoute = context.Request.Path.StartsWithSegments(Testing.TestingRoutes.Tokens, StringComparison.Ordinal);
        if (atTestingRoute || Testing.TestingGrant.IsTestingGrant(request))
        {
            return atTestingRoute && Testing.TestingGrant.IsTestingGrant(request)
                ? await Testing.TestingGrant.IssueAsync(context, request, applications, scopes, sender, options.Value, clock, cancellationToken)
                : Testing.TestingGrant.Unsupported();
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                ?? throw new InvalidOperationException("OpenIddict authenticated a client that cannot be found.");

            var identity = await ClientIdentity.CreateAsync(request.ClientId!, application, request.GetScopes(), applications, scopes, cancellationToken);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType() || request.IsDeviceCodeGrantType())
        {
            return await ExchangeUserGrantAsync(context, request, applications, scopes, sender, options.Value, clock, cancellationToken);
        }

        if (request.IsTokenExchangeGrantType())
        {
            return await TokenExchangeGrant.IssueAsync(context, request, applications, scopes, sender, options.Value, clock, cancellationToken);
        }

        return TypedResults.Forbid(
            authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme],
            properties: new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = OidcErrors.UnsupportedGrantType,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The grant type is not supported.",
            }));
    }
}
