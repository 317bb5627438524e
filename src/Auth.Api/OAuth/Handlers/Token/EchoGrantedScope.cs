using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// RFC 6749 §5.1 lets a server omit <c>scope</c> when it granted exactly what was asked, and OpenIddict does;
/// this service answers it in every token response (docs/api.md, "Token"), so clients can rely on reading it.
/// </summary>
public sealed class EchoGrantedScope : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var response = context.Response;
        if (string.IsNullOrEmpty(response.Error) &&
            !string.IsNullOrEmpty(response.AccessToken) &&
            string.IsNullOrEmpty(response.Scope) &&
            context.Request?.GetScopes() is { Length: > 0 } requested)
        {
            response.Scope = string.Join(' ', requested);
        }

        return default;
    }
}
