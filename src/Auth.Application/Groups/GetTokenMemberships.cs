using Auth.Application.Clients;
using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Groups;

/// <summary>
/// The groups and roles for a user's token to a client, read afresh at every issue, refresh and userinfo call, so a
/// membership removed over SCIM is gone from the next token.
/// </summary>
/// <param name="IncludeGroups">The token's scopes include groups.</param>
/// <param name="GroupsClaim">What the groups claim lists (<see cref="GroupsClaimValue"/>).</param>
public sealed record GetTokenMemberships(string UserId, string ClientId, bool IncludeGroups, string GroupsClaim, int MaximumGroups)
    : IQuery<TokenMemberships>;

public sealed class GetTokenMembershipsHandler(IAuthDbContext db) : IQueryHandler<GetTokenMemberships, TokenMemberships>
{
    public async ValueTask<TokenMemberships> Handle(GetTokenMemberships query, CancellationToken cancellationToken)
    {
        // Issue #15 (no database round trip on hot paths) will want this cached.
        var mappings = await db.ClientRoleMappings.AsNoTracking().Where(m => m.ClientId == query.ClientId).ToListAsync(cancellationToken);
        if (!query.IncludeGroups && mappings.Count == 0)
        {
            return TokenMemberships.None;
        }

        var groups = await db.GroupMembers.Where(m => m.UserId == query.UserId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new MemberGroup(g.Id, g.DisplayName))
            .ToListAsync(cancellationToken);
        return TokenMemberships.Of(groups, query.IncludeGroups, query.GroupsClaim, query.MaximumGroups, mappings);
    }
}
