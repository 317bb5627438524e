using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Groups;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Clients;

/// <summary>What registering a client and replacing its definition share: its scopes must exist, its role mapping follows the definition.</summary>
public static class ClientRegistration
{
    /// <summary>The first scope the client names that is neither standard nor registered; null when all are known.</summary>
    public static async Task<string?> FirstUnregisteredScopeAsync(ClientDefinition client, IScopeRegistry scopes, CancellationToken cancellationToken)
    {
        foreach (var scope in client.Scopes)
        {
            if (!StandardScopes.All.Contains(scope) && !await scopes.ExistsAsync(scope, cancellationToken))
            {
                return scope;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="client"/> as it may replace <paramref name="stored"/>: a client that registered itself stays a
    /// stranger whoever replaces its definition (admin API, command line, seed file, console; security rule 123): its
    /// users are asked for consent, it sends PKCE, and it authenticates as it registered, since its own RFC 7592 updates
    /// could not change that back. Refused when the definition would change how it authenticates.
    /// </summary>
    /// <param name="secretKept">The replacement keeps a stored secret (<see cref="UpdateClient"/>) rather than stating one.</param>
    public static Result<ClientDefinition> KeepingStrangerRules(ClientDefinition client, ClientDetails stored, bool secretKept)
    {
        if (!stored.SelfRegistered)
        {
            return client;
        }

        var storedKeys = stored.Jwks is not null || stored.JwksUri is not null;
        if (storedKeys != client.HasKeys || (!secretKept && stored.IsConfidential != client.IsConfidential))
        {
            return Error.Invalid($"The client '{client.ClientId}' registered itself: it keeps how it authenticates (its token_endpoint_auth_method); register a new client instead.");
        }

        return client with { FirstParty = false, RequirePkce = true, SelfRegistered = true };
    }

    /// <summary>Brings the client's role mapping in line with the definition; true when a row changed.</summary>
    public static async Task<bool> ApplyRoleMappingsAsync(ClientDefinition client, IAuthDbContext db, CancellationToken cancellationToken)
    {
        var wanted = client.Roles
            .SelectMany(role => role.Value.Select(group => (Role: role.Key.Trim(), GroupKey: group.Trim())))
            .ToHashSet();
        var current = await db.ClientRoleMappings.Where(m => m.ClientId == client.ClientId).ToListAsync(cancellationToken);
        var stale = current.Where(m => !wanted.Contains((m.Role, m.GroupKey))).ToList();
        var added = wanted.Where(w => !current.Any(m => m.Role == w.Role && m.GroupKey == w.GroupKey))
            .Select(w => new ClientRoleMapping(client.ClientId, w.Role, w.GroupKey))
            .ToList();
        if (stale.Count == 0 && added.Count == 0)
        {
            return false;
        }

        db.ClientRoleMappings.RemoveRange(stale);
        db.ClientRoleMappings.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
