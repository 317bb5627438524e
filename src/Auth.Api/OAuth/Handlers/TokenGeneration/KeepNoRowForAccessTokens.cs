using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.TokenGeneration;

/// <summary>
/// Access and ID tokens are self-contained JWTs: no database row is written for them (ADR 0010). Revoking one goes
/// to the revocation state every node holds in memory instead. Authorization codes and refresh tokens keep their rows,
/// which make them single-use.
/// </summary>
public sealed class KeepNoRowForAccessTokens : IOpenIddictServerHandler<GenerateTokenContext>
{
    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType is TokenTypeIdentifiers.AccessToken or TokenTypeIdentifiers.IdentityToken)
        {
            context.CreateTokenEntry = false;
        }

        return default;
    }
}
