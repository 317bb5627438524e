using System.Security.Claims;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.TokenGeneration;

/// <summary>
/// OpenIddict writes its own bookkeeping claims (<c>oi_au_id</c>, the authorization; <c>oi_tkn_id</c>, the token
/// entry) into ID tokens. They mean nothing to a client and are not OpenID Connect claims, so ID tokens go out
/// without any <c>oi_</c> claim. An ID token that comes back as an id_token_hint is then checked by its signature,
/// issuer and audience alone, which is all OpenID Connect asks of a hint.
/// </summary>
public sealed class OmitPrivateClaimsFromIdentityTokens : IOpenIddictServerHandler<GenerateTokenContext>
{
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType != TokenTypeIdentifiers.IdentityToken || context.SecurityTokenDescriptor is not { } descriptor)
        {
            return default;
        }

        if (descriptor.Subject is { } subject && subject.Claims.Any(IsPrivate))
        {
            descriptor.Subject = new ClaimsIdentity(subject.Claims.Where(c => !IsPrivate(c)), subject.AuthenticationType, subject.NameClaimType, subject.RoleClaimType);
        }

        if (descriptor.Claims is { } claims)
        {
            foreach (var type in claims.Keys.Where(k => k.StartsWith(Claims.Prefixes.Private, StringComparison.Ordinal)).ToList())
            {
                claims.Remove(type);
            }
        }

        return default;
    }

    private static bool IsPrivate(Claim claim) => claim.Type.StartsWith(Claims.Prefixes.Private, StringComparison.Ordinal);
}
