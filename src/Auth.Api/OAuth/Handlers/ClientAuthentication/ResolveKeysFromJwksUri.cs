using Auth.Api.OAuth.ClientKeys;
using Auth.Application.Clients;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// OpenIddict checks a client assertion's signature against the jwks stored with the client. For a client registered
/// with a jwks_uri instead (RFC 7591 §2), the keys come from there (<see cref="JwksUriKeys"/>): they are handed to
/// OpenIddict's check in place of the stored set. The client is the one the assertion's iss names, as for OpenIddict's
/// own lookup; the iss, sub and client_id are compared afterwards (<see cref="AcceptEachClientAssertionOnce"/>). When
/// the keys cannot be had the assertion is refused: 401 invalid_client (RFC 6749 §5.2), never a server error.
/// </summary>
public sealed class ResolveKeysFromJwksUri(IOpenIddictApplicationManager applications, JwksUriKeys keys, IOptions<OAuthOptions> options)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        // With OAuth:PrivateKeyJwt off every assertion is refused: nothing is fetched for one.
        if (!options.Value.PrivateKeyJwt ||
            !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion) || context.TokenValidationParameters is null ||
            string.IsNullOrEmpty(context.Token))
        {
            return;
        }

        // Unverified at this point: the issuer only says whose keys to check the signature with.
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(context.Token))
        {
            return;
        }

        JsonWebToken token;
        try
        {
            token = handler.ReadJsonWebToken(context.Token);
        }
        catch (ArgumentException)
        {
            return;
        }

        if (string.IsNullOrEmpty(token.Issuer) ||
            await applications.FindByClientIdAsync(token.Issuer, context.CancellationToken) is not { } application ||
            !(await applications.GetSettingsAsync(application, context.CancellationToken)).TryGetValue(ClientSettings.JwksUri, out var jwksUri))
        {
            return;
        }

        var selfRegistered = await applications.IsSelfRegisteredAsync(application, context.CancellationToken);
        var signingKeys = await keys.GetAsync(token.Issuer, jwksUri, selfRegistered, string.IsNullOrEmpty(token.Kid) ? null : token.Kid, context.CancellationToken);
        if (signingKeys is null)
        {
            context.Reject(OpenIddictConstants.Errors.InvalidClient, "The client's keys could not be fetched from its jwks_uri.");
            return;
        }

        var parameters = context.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeyResolver = (_, _, _, _) => signingKeys;
        context.TokenValidationParameters = parameters;
    }
}
