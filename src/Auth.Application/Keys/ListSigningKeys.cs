using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Keys;

public sealed record ListSigningKeys : IQuery<IReadOnlyList<SigningKeySummary>>;

public sealed record SigningKeySummary(string KeyId, string Algorithm, DateTimeOffset CreatedAt, DateTimeOffset? RetiresAt, bool Signing, bool Published);

public sealed class ListSigningKeysHandler(IAuthDbContext db, TimeProvider clock) : IQueryHandler<ListSigningKeys, IReadOnlyList<SigningKeySummary>>
{
    public async ValueTask<IReadOnlyList<SigningKeySummary>> Handle(ListSigningKeys query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt)
            .Select(k => new SigningKeySummary(k.KeyId, k.Algorithm, k.CreatedAt, k.RetiresAt, k.IsSigning, k.IsPublishedAt(now)))
            .ToList();
    }
}
