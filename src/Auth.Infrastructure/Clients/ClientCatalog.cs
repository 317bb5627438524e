using System.Collections.Concurrent;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// The clients this node has read, each with the concurrency token it had then. OpenIddict gives an application a new
/// concurrency token on every update, so an entry whose token still matches the stored one is the stored client:
/// <see cref="ClientApplicationManager{TApplication}"/> asks the store only for that token (one indexed column) and
/// skips reading and materialising the client itself. A changed, re-secreted or removed client is never served from
/// here, on any node, not even for a moment.
/// </summary>
public sealed class ClientCatalog
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string clientId, string version, out object application)
    {
        if (_entries.TryGetValue(clientId, out var entry) && string.Equals(entry.Version, version, StringComparison.Ordinal))
        {
            application = entry.Application;
            return true;
        }

        application = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="application"/>, a detached copy that nobody changes, as the client at <paramref name="version"/>.</summary>
    public void Keep(string clientId, string version, object application) =>
        _entries[clientId] = new Entry(version, application);

    public void Forget(string clientId) => _entries.TryRemove(clientId, out _);

    private sealed record Entry(string Version, object Application);
}
