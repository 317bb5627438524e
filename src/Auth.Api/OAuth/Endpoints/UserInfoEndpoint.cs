using Auth.Application.Clients;
using Auth.Application.Groups;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Endpoints;

/// <summary>
/// The pass-through part of <c>/oauth/userinfo</c> (OpenID Connect Core §5.3). OpenIddict has validated the access
/// token (signature, lifetime, revocation); this answers with the user's current claims for the token's scopes, as a
/// signed JWT for a client registered with <c>userinfo_signed_response_alg</c> (§5.3.2, <see cref="UserInfoSigner"/>).
/// </summary>
public static class UserInfoEndpoint
{
    public static IEndpointRouteBuilder MapUserInfoEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Routes.UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfo).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> UserInfo(
        HttpContext context, ISender sender, IOpenIddictApplicationManager applications, IOptions<OAuthOptions> options, UserInfoSigner signer,
        CancellationToken cancellationToken)
    {
        var token = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var subject = token?.GetClaim(Claims.Subject);

        // A client_credentials token has the client as its subject: there is no user to describe.
        var user = token is null || subject is null || subject == token.GetClaim(Claims.ClientId)
            ? null
            : await sender.Send(new GetUserProfile(subject), cancellationToken);
        if (token is null || user is not { IsActive: true })
        {
            return TypedResults.Challenge(
                authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme],
                properties: new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = OidcErrors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token does not belong to an active user.",
                }));
        }

        var clientId = token.GetClaim(Claims.ClientId);
        var memberships = clientId is not null
            ? await DirectoryClaims.ReadAsync(sender, applications, options.Value, user.Id, clientId, token.HasScope(StandardScopes.Groups), cancellationToken)
            : TokenMemberships.None;
        var claims = UserIdentity.UserInfo(user, token, memberships);
        if (clientId is not null && await applications.FindByClientIdAsync(clientId, cancellationToken) is { } client &&
            (await applications.GetSettingsAsync(client, cancellationToken)).ContainsKey(ClientSettings.UserinfoSignedResponseAlg))
        {
            // §5.3.2: the JWT is the body, typed application/jwt; a client that asked for it gets nothing else.
            return TypedResults.Text(signer.Sign(claims, clientId), UserInfoSigner.ContentType);
        }

        return TypedResults.Ok(claims);
    }
}
