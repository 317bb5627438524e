using System.Security.Cryptography;
using System.Text;
using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Clients;

/// <summary>
/// A client's role mapping, stored beside its registration (<c>ClientRoleMappings</c>), and the version that covers
/// both: the version a reader is given (the admin API's ETag, the console's edit form) adds a digest of the roles to
/// OpenIddict's concurrency token, so a change to either since that read is refused (<see cref="UpdateClient"/>,
/// <see cref="RemoveClient"/>) even where the roles changed without the registration (a row written outside the use
/// cases, which give the registration a new version with its roles). A client without roles keeps the bare token.
/// </summary>
public static class ClientRoles
{
    /// <summary><paramref name="client"/> as registered with its roles, ordered, and the version covering them.</summary>
    public static async Task<ClientDetails> WithRolesAsync(ClientDetails client, IAuthDbContext db, CancellationToken cancellationToken)
    {
        var mappings = await db.ClientRoleMappings.AsNoTracking().Where(m => m.ClientId == client.ClientId).ToListAsync(cancellationToken);
        var roles = mappings
            .GroupBy(m => m.Role, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.Select(m => m.GroupKey).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        return client with { Roles = roles, Version = VersionOf(client.Version, roles) };
    }

    private static string? VersionOf(string? token, Dictionary<string, IReadOnlyList<string>> roles)
    {
        if (token is null || roles.Count == 0)
        {
            return token;
        }

        // Each name length-prefixed, so no two mappings write the same bytes.
        var text = new StringBuilder();
        foreach (var (role, groups) in roles)
        {
            foreach (var group in groups)
            {
                text.Append(role.Length).Append(':').Append(role).Append(group.Length).Append(':').Append(group);
            }
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return token + "." + Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }
}
