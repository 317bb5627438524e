using Auth.Api.OAuth.DPoP;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>A token response says what its access token is: <c>token_type: DPoP</c> when bound to a key (RFC 9449 §5).</summary>
public sealed class ReportDPoPTokenType : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Response.AccessToken is not null && context.Transaction.Properties.ContainsKey(DPoPBinding.Property))
        {
            context.Response.TokenType = DPoPProofCheck.Scheme;
        }

        return default;
    }
}
