using Auth.Application.Ports;
using Auth.Domain.Groups;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim.Groups;

/// <summary>A group with its members' names: what a SCIM Group resource shows, and the queries that gather it.</summary>
public sealed record ScimGroupView(Group Group, IReadOnlyList<(string Id, string Display)> Members)
{
    /// <summary>A member shows as their displayName, or their userName without one; members are in that order.</summary>
    public static async Task<ScimGroupView> LoadAsync(IAuthDbContext db, Group group, CancellationToken cancellationToken)
    {
        var ids = group.Members.Select(m => m.UserId).ToList();
        var members = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, Display = u.DisplayName ?? u.UserName })
            .ToListAsync(cancellationToken);
        return new ScimGroupView(group, members.OrderBy(m => m.Display, StringComparer.Ordinal).Select(m => (m.Id, m.Display)).ToList());
    }

    /// <summary>The members' names for a page of groups (loaded with their members, or without when not shown), one query for the page.</summary>
    public static async Task<ScimPage<ScimGroupView>> LoadPageAsync(IAuthDbContext db, ScimPage<Group> page, CancellationToken cancellationToken)
    {
        var memberIds = page.Items.SelectMany(g => g.Members).Select(m => m.UserId).Distinct().ToList();
        if (memberIds.Count == 0)
        {
            return page.With(page.Items.Select(g => new ScimGroupView(g, [])).ToList());
        }

        var names = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new { u.Id, Display = u.DisplayName ?? u.UserName })
            .ToDictionaryAsync(u => u.Id, u => u.Display, cancellationToken);
        return page.With(page.Items.Select(g => new ScimGroupView(g, g.Members.Select(m => (m.UserId, names.GetValueOrDefault(m.UserId, m.UserId))).ToList())).ToList());
    }
}
