using System.Globalization;
using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// A pushed request (RFC 9126) records when it was pushed, to the tick, in its request token: the authorize page
/// counts a sign-in made after that as the fresh one the request's prompt=login or max_age=0 asked for, since the
/// request comes back from the sign-in unchanged. The token's own creation date is whole seconds, too coarse to tell a
/// sign-in just before the push from one just after.
/// </summary>
public sealed class StampPushedRequestTime(TimeProvider clock) : IOpenIddictServerHandler<ProcessSignInContext>
{
    /// <summary>A private claim of the request token, never in a token a client sees.</summary>
    public const string Claim = "auth_pushed_at";

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType == OpenIddictServerEndpointType.PushedAuthorization && context.RequestTokenPrincipal is { } principal)
        {
            principal.SetClaim(Claim, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        }

        return default;
    }

    /// <summary>When the request behind <paramref name="requestToken"/> was pushed; null for a request that was not.</summary>
    public static DateTimeOffset? PushedAt(ClaimsPrincipal? requestToken) =>
        DateTimeOffset.TryParseExact(requestToken?.GetClaim(Claim), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
}
