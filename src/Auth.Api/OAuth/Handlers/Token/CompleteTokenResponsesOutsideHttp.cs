using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// A token issued from the command line (<see cref="ProvisioningTokenIssuer"/>) goes through OpenIddict's sign-in
/// pipeline with no HTTP request to answer; the response is complete once the token exists. HTTP requests are
/// untouched.
/// </summary>
public sealed class CompleteTokenResponsesOutsideHttp : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    /// <summary>The transaction property that marks a sign-in made outside an HTTP request.</summary>
    public const string OutsideHttp = "auth:outside_http";

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Transaction.Properties.ContainsKey(OutsideHttp))
        {
            context.HandleRequest();
        }

        return default;
    }
}
