using Auth.Application.Ports;
using Auth.Domain.Keys;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Keys;

public sealed record ListSigningKeys : IQuery<IReadOnlyList<SigningKeySummary>>;

/// <summary>A key's public facts; <see cref="Signing"/> is true for the one key that signs now.</summary>
public sealed record SigningKeySummary(
    string KeyId,
    string Algorithm,
    DateTimeOffset CreatedAt,
    DateTimeOffset SignsFrom,
    DateTimeOffset? RetiresAt,
    bool Signing,
    bool Published);

public sealed class ListSigningKeysHandler(IAuthDbContext db, TimeProvider clock) : IQueryHandler<ListSigningKeys, IReadOnlyList<SigningKeySummary>>
{
    public async ValueTask<IReadOnlyList<SigningKeySummary>> Handle(ListSigningKeys query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var signer = SigningKeySchedule.SignerAt(keys, now);
        return keys.OrderByDescending(k => k.CreatedAt)
            .Select(k => new SigningKeySummary(k.KeyId, k.Algorithm, k.CreatedAt, k.SignsFrom, k.RetiresAt, ReferenceEquals(k, signer), k.IsPublishedAt(now)))
            .ToList();
    }
}
