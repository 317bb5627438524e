using OpenIddict.Client;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace Auth.Api.Federation.Handlers;

/// <summary>
/// A pushed authorization request carries <c>client_id</c> in its body even when the client authenticates with HTTP
/// Basic: it is an authorization request (RFC 9126 §2.1, whose example does exactly that; RFC 6749 §4.1.1 requires
/// the parameter). OpenIddict removes it along with the secret when it moves the credentials to the header, and
/// upstreams that check it (Okta, oidc-provider) refuse the request, so the sign-in could not even start.
/// </summary>
public sealed class SendClientIdWithPushedAuthorizationRequest : IOpenIddictClientHandler<PreparePushedAuthorizationRequestContext>
{
    public ValueTask HandleAsync(PreparePushedAuthorizationRequestContext context)
    {
        context.Request.ClientId ??= context.Registration.ClientId;
        return ValueTask.CompletedTask;
    }
}
