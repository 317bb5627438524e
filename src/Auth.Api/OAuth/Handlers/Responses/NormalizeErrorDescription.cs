using Auth.Api.Errors;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Responses;

/// <summary>
/// Makes every error description one line of printable ASCII, every invalid_client the same, and every refused client
/// assertion an invalid_client.
/// </summary>
public sealed class NormalizeErrorDescription<TContext> : IOpenIddictServerHandler<TContext>
    where TContext : BaseRequestContext
{
    /// <summary>One description for every client-authentication failure, so a caller cannot tell which part was wrong.</summary>
    private const string InvalidClientDescription = "Client authentication failed.";

    public ValueTask HandleAsync(TContext context)
    {
        var response = context.Transaction.Response;
        if (response is null || string.IsNullOrEmpty(response.Error))
        {
            return default;
        }

        // OpenIddict answers some refused client assertions (a foreign audience) with invalid_token; a client that failed
        // to authenticate gets invalid_client and 401 whatever the reason (RFC 6749 §5.2).
        if (response.Error == OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidToken &&
            !string.IsNullOrEmpty(context.Transaction.Request?.ClientAssertion))
        {
            response.Error = OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidClient;
        }

        if (response.Error == OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidClient)
        {
            response.ErrorDescription = InvalidClientDescription;
        }
        else if (response.ErrorDescription is { } description)
        {
            response.ErrorDescription = ErrorBody.Sanitize(description);
        }

        // OpenIddict links its own documentation; the API's error body (docs/api.md) has no error_uri.
        response.ErrorUri = null;
        return default;
    }
}
