using Auth.Application.Ports;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim.Users;

/// <summary>A user with the groups it belongs to: what a SCIM User resource shows, and the queries that gather it.</summary>
public sealed record ScimUserView(User User, IReadOnlyList<(string Id, string DisplayName)> Groups)
{
    public static async Task<ScimUserView> LoadAsync(IAuthDbContext db, User user, CancellationToken cancellationToken)
    {
        var groups = await db.GroupMembers.Where(m => m.UserId == user.Id)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.DisplayName })
            .OrderBy(g => g.DisplayName)
            .ToListAsync(cancellationToken);
        return new ScimUserView(user, groups.Select(g => (g.Id, g.DisplayName)).ToList());
    }

    /// <summary>The groups of a page of users, with one query for the whole page.</summary>
    public static async Task<ScimPage<ScimUserView>> LoadPageAsync(IAuthDbContext db, ScimPage<User> page, CancellationToken cancellationToken)
    {
        if (page.Items.Count == 0)
        {
            return page.With<ScimUserView>([]);
        }

        var ids = page.Items.Select(u => u.Id).ToList();
        var memberships = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.DisplayName })
            .ToListAsync(cancellationToken);
        return page.With(page.Items.Select(u => new ScimUserView(u, memberships.Where(m => m.UserId == u.Id).Select(m => (m.Id, m.DisplayName)).ToList())).ToList());
    }
}
