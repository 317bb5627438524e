using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// RFC 8693 §2.2.2: a subject or actor token that is invalid or unacceptable is <c>invalid_request</c>. OpenIddict answers
/// invalid_token (which it turns into RFC 6749's <c>invalid_grant</c> later) or invalid_grant for a token it cannot validate (garbage, expired, revoked, of the wrong type, issued to
/// another party), as the token endpoint does for codes and refresh tokens; in a token exchange nothing else is a grant, so
/// each such answer becomes invalid_request, with its description.
/// </summary>
public sealed class AnswerRefusedExchangeTokensAsInvalidRequest : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Request?.IsTokenExchangeGrantType() == true && context.Response.Error is OidcErrors.InvalidGrant or OidcErrors.InvalidToken)
        {
            context.Response.Error = OidcErrors.InvalidRequest;
        }

        return default;
    }
}
