using System.Text.Json;
using Auth.Api.OAuth.DPoP;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// Binds what a sign-in issues to the DPoP key of its proof: the access token (a token exchange's issued token too)
/// carries <c>cnf: {"jkt": ...}</c> (RFC 9449 §6.1, RFC 7800) and a public client's refresh token the key's
/// thumbprint (§5). At the authorization endpoint, a <c>dpop_jkt</c> parameter binds the authorization code the same
/// way (§10), so only that key redeems it.
/// </summary>
public sealed class AttachProofKey(Microsoft.Extensions.Options.IOptions<OAuthOptions> options) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType == OpenIddictServerEndpointType.Authorization)
        {
            if (options.Value.DPoP && context.AuthorizationCodePrincipal is { } code &&
                context.Request?.GetParameter(DPoPBinding.AuthorizationParameter)?.ToString() is { Length: > 0 } jkt)
            {
                code.SetClaim(DPoPBinding.BoundKeyClaim, jkt);
            }

            return default;
        }

        if (!context.Transaction.Properties.TryGetValue(DPoPBinding.Property, out var value) || value is not DPoPBinding binding)
        {
            return default;
        }

        // A token exchange issues its access token as the issued token (RFC 8693 §2.2.1).
        foreach (var access in new[] { context.AccessTokenPrincipal, context.IssuedTokenPrincipal })
        {
            var confirmation = JsonSerializer.SerializeToElement(new Dictionary<string, string> { [DPoPProofCheck.ThumbprintMember] = binding.Thumbprint });
            access?.SetClaim(DPoPProofCheck.ConfirmationClaim, confirmation);
        }

        if (binding.BindsRefreshToken && context.RefreshTokenPrincipal is { } refresh)
        {
            refresh.SetClaim(DPoPBinding.BoundKeyClaim, binding.Thumbprint);
        }

        return default;
    }
}
