using System.Data.Common;
using Auth.Application.Ports;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// Brings every stored user's comparison key (<see cref="User.NormalizedUserName"/>) in line with the current
/// <see cref="UserNameRule"/>, for users stored before the rule normalized names (NFC, width mapping). Runs at every
/// start and changes nothing once keys are current. Names stay as stored until their next write. Two users whose names
/// the rule makes one name cannot both have that key: both keep the keys they had and are reported, since only an
/// operator can decide which account is the real one.
/// </summary>
public sealed record RekeyUserNames : ICommand<RekeyedUserNames>;

/// <param name="Updated">Users whose key changed.</param>
/// <param name="Conflicting">Ids of users left with their old key because another user has, or would get, the same key.</param>
public sealed record RekeyedUserNames(int Updated, IReadOnlyList<string> Conflicting);

public sealed class RekeyUserNamesHandler(IAuthDbContext db) : ICommandHandler<RekeyUserNames, RekeyedUserNames>
{
    public async ValueTask<RekeyedUserNames> Handle(RekeyUserNames command, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.UserName, u.NormalizedUserName })
            .ToListAsync(cancellationToken);
        var stale = users.Select(u => (u.Id, Old: u.NormalizedUserName, New: User.Normalize(u.UserName))).Where(u => u.Old != u.New).ToList();
        if (stale.Count == 0)
        {
            return new RekeyedUserNames(0, []);
        }

        // A key is taken when any other user holds it now or would hold it under the current rule.
        var holders = users.Select(u => (u.Id, Key: u.NormalizedUserName))
            .Concat(users.Select(u => (u.Id, Key: User.Normalize(u.UserName))))
            .GroupBy(h => h.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(h => h.Id).Distinct().Count(), StringComparer.Ordinal);
        var conflicting = new List<string>();
        var updated = 0;
        foreach (var (id, old, key) in stale)
        {
            if (holders[key] > 1)
            {
                conflicting.Add(id);
                continue;
            }

            try
            {
                // Guarded by the old key, so two nodes starting at once write each user once.
                updated += await db.Users.Where(u => u.Id == id && u.NormalizedUserName == old)
                    .ExecuteUpdateAsync(set => set.SetProperty(u => u.NormalizedUserName, key), cancellationToken);
            }
            catch (DbException)
            {
                // The unique index: a user written meanwhile took the key. Keep the old one, as for any conflict.
                conflicting.Add(id);
            }
        }

        return new RekeyedUserNames(updated, conflicting);
    }
}
