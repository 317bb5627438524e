using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace Auth.Api.Federation.Handlers;

/// <summary>
/// OpenIddict sends a PKCE challenge only with a method the upstream's discovery document lists, and some list none
/// (Entra ID's has no <c>code_challenge_methods_supported</c>) though they check PKCE. An empty list is read as S256:
/// RFC 9700 §2.1.1 wants PKCE on every code flow, and a server that does not know PKCE ignores the parameters
/// (RFC 7636 §5). A list the upstream does give is left as it is.
/// </summary>
public sealed class AssumeS256WhenPkceIsNotAdvertised : IOpenIddictClientHandler<HandleConfigurationResponseContext>
{
    public ValueTask HandleAsync(HandleConfigurationResponseContext context)
    {
        if (context.Configuration.CodeChallengeMethodsSupported.Count == 0)
        {
            context.Configuration.CodeChallengeMethodsSupported.Add(CodeChallengeMethods.Sha256);
        }

        return ValueTask.CompletedTask;
    }
}
