using System.Collections.Frozen;
using System.Text.Json;
using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Auth.Infrastructure.Clients;

/// <summary>
/// The origins every client lists, from the node's <see cref="CorsOriginCatalog"/> while the change feed is current,
/// else from the clients' stored settings.
/// </summary>
public sealed class AllowedCorsOrigins(CorsOriginCatalog catalog, AuthDbContext db) : IAllowedCorsOrigins
{
    public async ValueTask<bool> AllowsAsync(string origin, CancellationToken cancellationToken)
    {
        var served = catalog.TryServe(out var origins, out var generation);
        if (origins is null)
        {
            origins = await ReadAsync(cancellationToken);
            if (served)
            {
                catalog.Keep(origins, generation);
            }
        }

        // Browsers serialize an origin in lower case; the stored ones are normalized the same way.
        return origins.Contains(origin);
    }

    private async Task<FrozenSet<string>> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = await db.Set<OpenIddictEntityFrameworkCoreApplication>()
            .AsNoTracking()
            .Where(a => a.Settings != null && a.Settings.Contains(ClientSettings.AllowedCorsOrigins))
            .Select(a => a.Settings!)
            .ToListAsync(cancellationToken);
        var origins = new HashSet<string>(StringComparer.Ordinal);
        foreach (var json in settings)
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty(ClientSettings.AllowedCorsOrigins, out var value) && value.ValueKind == JsonValueKind.String)
            {
                origins.UnionWith(ClientSettings.ListOf(value.GetString()));
            }
        }

        return origins.ToFrozenSet(StringComparer.Ordinal);
    }
}
