using Auth.Infrastructure.Clients;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.ClientAuthentication;

/// <summary>
/// Marks introspection and revocation requests, which issue no token and write no grant, so that their client is
/// taken from the node's catalog without reading its stored version while the change feed is current (ADR 0013). A
/// client change counts there at once on the node that made it and within a second on every other; the token and
/// authorization endpoints, which mint tokens and store grants, always check the stored client.
/// </summary>
public sealed class ReadClientsFromMemoryWhereNothingIsIssued(ClientReadPolicy policy) : IOpenIddictServerHandler<ProcessRequestContext>
{
    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation)
        {
            policy.AllowMemoryWhileFeedIsCurrent();
        }

        return ValueTask.CompletedTask;
    }
}
