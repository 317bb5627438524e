using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// OpenIddict marks a refresh token redeemed when it issues the next one, but ignores a lost race (two requests with
/// the same token at once both succeed), to support its reuse leeway. This service has no leeway by default
/// (RFC 9700 §4.14.2), so the redemption is claimed first, atomically (the token row's concurrency token): of
/// several parallel refreshes exactly one succeeds, the others get invalid_grant.
/// </summary>
public sealed class RedeemRefreshTokenOnce(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public const string AlreadyUsed = "The refresh token has already been used.";

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token || !context.Request.IsRefreshTokenGrantType() ||
            context.Options.RefreshTokenReuseLeeway is { } leeway && leeway > TimeSpan.Zero)
        {
            return;
        }

        var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        if (authentication?.RefreshTokenPrincipal?.GetTokenId() is not { Length: > 0 } identifier ||
            await tokens.FindByIdAsync(identifier, context.CancellationToken) is not { } token)
        {
            return;
        }

        if (!await tokens.TryRedeemAsync(token, context.CancellationToken))
        {
            context.Reject(OidcErrors.InvalidGrant, AlreadyUsed);
        }
    }
}
