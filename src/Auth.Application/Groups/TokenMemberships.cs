using Auth.Application.Clients;
using Auth.Domain.Groups;

namespace Auth.Application.Groups;

/// <summary>
/// What a user's tokens for one client say about the directory: the groups claim (null when not asked for or past
/// the limit), whether the limit left it out, and the client's roles the user holds.
/// </summary>
public sealed record TokenMemberships(IReadOnlyList<string>? Groups, bool GroupsLeftOut, IReadOnlyList<string> Roles)
{
    public static readonly TokenMemberships None = new(null, false, []);

    /// <summary>The default bound on the groups claim: Microsoft Entra ID's own for JWTs, past which it sends hasgroups instead.</summary>
    public const int DefaultMaximumGroups = 200;

    /// <param name="groups">The user's groups, or null when the token does not carry the groups claim.</param>
    /// <param name="groupsClaim">What the groups claim lists (<see cref="GroupsClaimValue"/>).</param>
    /// <param name="maximumGroups">More groups than this leave the claim out, so a token stays a size clients and proxies accept.</param>
    public static TokenMemberships Of(
        IReadOnlyCollection<MemberGroup> groups, bool includeGroups, string groupsClaim, int maximumGroups, IEnumerable<ClientRoleMapping> mappings)
    {
        var roles = mappings.Where(m => groups.Any(g => m.Matches(g.Id, g.DisplayName)))
            .Select(m => m.Role)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!includeGroups)
        {
            return new TokenMemberships(null, false, roles);
        }

        var values = groups.Select(g => groupsClaim == GroupsClaimValue.Id ? g.Id : g.DisplayName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return values.Count > maximumGroups
            ? new TokenMemberships(null, true, roles)
            : new TokenMemberships(values, false, roles);
    }
}

/// <summary>A group the user is a member of.</summary>
public sealed record MemberGroup(string Id, string DisplayName);
