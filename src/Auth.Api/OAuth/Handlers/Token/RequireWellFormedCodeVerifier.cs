using System.Text.RegularExpressions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// RFC 7636 §4.1: a code verifier is 43 to 128 characters from the unreserved set. OpenIddict only compares it with
/// the challenge; a short or odd verifier is refused here before that, as invalid_request (RFC 6749 §5.2).
/// </summary>
public sealed partial class RequireWellFormedCodeVerifier : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.CodeVerifier is { } verifier && !Unreserved().IsMatch(verifier))
        {
            context.Reject(OidcErrors.InvalidRequest, "The code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~' (RFC 7636 §4.1).");
        }

        return default;
    }

    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}$")]
    private static partial Regex Unreserved();
}
