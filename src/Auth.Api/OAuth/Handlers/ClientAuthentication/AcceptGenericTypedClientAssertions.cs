using Auth.Application.Clients;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// OpenIddict 7 takes a client assertion typed <c>client-authentication+jwt</c> only (draft-ietf-oauth-rfc7523bis),
/// but RFC 7523 and OpenID Connect Core §9 name no type, and most clients (openid-client among them) send <c>JWT</c>
/// or none. Those two count as <c>client-authentication+jwt</c> too; any other declared type (an access token's
/// <c>at+jwt</c>, say) is still refused (RFC 8725 §3.11).
/// The signature must use one of <see cref="Algorithms"/>: asymmetric only, so neither <c>none</c> nor an HMAC keyed
/// with a public key passes (RFC 8725 §3.1, §3.2).
/// OpenIddict 7.8 takes the issuer alone as audience; the token and pushed authorization endpoints' URLs are just as
/// much this server (RFC 7523 §3 item 3, OpenID Connect Core §9, RFC 9126 §2), so they are taken too. Any other
/// audience is refused.
public sealed class AcceptGenericTypedClientAssertions(IOptions<OAuthOptions> options) : IOpenIddictServerHandler<ValidateTokenContext>
{
    /// <summary>The signing algorithms a client assertion may use, as discovery advertises them.</summary>
    public static readonly IReadOnlyList<string> Algorithms = ClientKeySet.SigningAlgorithms;

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion) || context.TokenValidationParameters is null)
        {
            return default;
        }

        foreach (var audience in AcceptEachClientAssertionOnce.Audiences(options.Value.Issuer))
        {
            context.ValidAudiences.Add(audience.AbsoluteUri);
        }

        var parameters = context.TokenValidationParameters.Clone();
        parameters.ValidAlgorithms = Algorithms;
        parameters.TypeValidator = (type, _, _) => type switch
        {
            null or "" or JsonWebTokenTypes.GenericJsonWebToken or JsonWebTokenTypes.ClientAuthentication => JsonWebTokenTypes.ClientAuthentication,
            _ when string.Equals(type, JsonWebTokenTypes.GenericJsonWebToken, StringComparison.OrdinalIgnoreCase) ||
                   string.Equals(type, JsonWebTokenTypes.ClientAuthentication, StringComparison.OrdinalIgnoreCase) => JsonWebTokenTypes.ClientAuthentication,
            _ => throw new SecurityTokenInvalidTypeException($"A client assertion is typed {JsonWebTokenTypes.ClientAuthentication} or JWT."),
        };
        context.TokenValidationParameters = parameters;
        return default;
    }
}
