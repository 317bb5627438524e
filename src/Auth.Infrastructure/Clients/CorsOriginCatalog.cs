using System.Collections.Frozen;
using Auth.Infrastructure.AccessChanges;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// Every client's allowed CORS origins in one set, held on this node and dropped by any client's change or removal
/// (<see cref="AccessChangeKind.ClientChanged"/>, <see cref="AccessChangeKind.ClientCutOff"/>) on any node.
/// </summary>
public sealed class CorsOriginCatalog(TimeProvider clock) : FeedCurrentSnapshot<FrozenSet<string>>(clock)
{
    protected override bool Drops(AccessChange change) =>
        change.Kind is AccessChangeKind.ClientChanged or AccessChangeKind.ClientCutOff;
}
