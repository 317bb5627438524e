namespace Auth.Infrastructure.Clients;

/// <summary>
/// How this request (one DI scope) may look clients up. By default against the stored version, exact on every node
/// (<see cref="ClientCatalog.TryGet"/>). A request that issues no token and writes no grant (introspection, revocation)
/// may be marked to take the catalog's copy without a read while the change feed is current
/// (<see cref="ClientCatalog.TryGetCurrent"/>), so a client change counts there within the feed's second on other nodes.
/// </summary>
public sealed class ClientReadPolicy
{
    public bool FromMemoryWhileFeedIsCurrent { get; private set; }

    public void AllowMemoryWhileFeedIsCurrent() => FromMemoryWhileFeedIsCurrent = true;
}
