using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Token;

/// <summary>
/// OpenIddict reports <c>expires_in</c> as the whole seconds left after the response was built, so a 3600-second
/// token is often announced as 3599. Report the lifetime the token was issued with, which equals its exp − iat.
/// </summary>
public sealed class ReportExactExpiresIn : IOpenIddictServerHandler<ProcessSignInContext>
{
    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.Response.ExpiresIn is not null &&
            context.AccessTokenPrincipal?.GetCreationDate() is { } created &&
            context.AccessTokenPrincipal.GetExpirationDate() is { } expires)
        {
            context.Response.ExpiresIn = (long)Math.Round((expires - created).TotalSeconds);
        }

        return default;
    }
}
