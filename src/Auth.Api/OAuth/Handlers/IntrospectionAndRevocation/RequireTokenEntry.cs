using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.IntrospectionAndRevocation;

/// <summary>Runs OpenIddict's revocation of a token row only for a token that has one (<see cref="DenyRevokedAccessToken"/> takes the others).</summary>
public sealed class RequireTokenEntry : IOpenIddictServerHandlerFilter<HandleRevocationRequestContext>
{
    public ValueTask<bool> IsActiveAsync(HandleRevocationRequestContext context) =>
        ValueTask.FromResult(!string.IsNullOrEmpty(context.GenericTokenPrincipal?.GetTokenId()));
}
