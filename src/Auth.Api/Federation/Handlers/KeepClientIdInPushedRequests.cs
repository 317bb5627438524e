using OpenIddict.Client;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace Auth.Api.Federation.Handlers;

/// <summary>
/// A pushed authorization request is an authorization request, whose <c>client_id</c> is required (RFC 6749
/// §4.1.1; RFC 9126 §2.1's example sends it beside HTTP Basic credentials). OpenIddict moves it into the Basic
/// header, as for a token request, and an upstream that checks (oidc-provider) refuses every sign-in; it goes back in.
/// </summary>
public sealed class KeepClientIdInPushedRequests : IOpenIddictClientHandler<PreparePushedAuthorizationRequestContext>
{
    public ValueTask HandleAsync(PreparePushedAuthorizationRequestContext context)
    {
        context.Request.ClientId ??= context.Registration.ClientId;
        return ValueTask.CompletedTask;
    }
}
