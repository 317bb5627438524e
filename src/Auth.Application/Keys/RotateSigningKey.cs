using Auth.Application.Audit;
using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Keys;

/// <summary>
/// Puts a new key in charge of signing from <see cref="SigningKeyPolicy.PublishAhead"/> on (rounded up to the next
/// whole second): it is published at once, so every node and relying party has it before its first token, while the
/// keys it replaces go on signing until then and stay published until every token they signed has expired. Keys whose
/// publication time is over are deleted. The audit record names the admin API's caller as its actor (nobody from the
/// command line).
/// </summary>
public sealed record RotateSigningKey : ICommand<RotatedSigningKey>;

public sealed record RotatedSigningKey(string NewKeyId, DateTimeOffset SignsFrom, IReadOnlyList<string> RetiredKeyIds, IReadOnlyList<string> DeletedKeyIds);

public sealed class RotateSigningKeyHandler(
    IAuthDbContext db,
    ISecretProtector protector,
    TimeProvider clock,
    ISecurityEvents events,
    IOptions<SigningKeyPolicy> policy) : ICommandHandler<RotateSigningKey, RotatedSigningKey>
{
    public async ValueTask<RotatedSigningKey> Handle(RotateSigningKey command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var signsFrom = WholeSecondAtOrAfter(now + policy.Value.PublishAhead);
        var keys = await db.SigningKeys.ToListAsync(cancellationToken);

        var expired = keys.Where(k => !k.IsPublishedAt(now)).ToList();
        db.SigningKeys.RemoveRange(expired);

        var retired = new List<string>();
        foreach (var key in keys.Where(k => !k.IsReplaced))
        {
            key.Retire(signsFrom, policy.Value.RetiredKeyPublicationTime);
            retired.Add(key.KeyId);
        }

        var fresh = SigningKeyFactory.Create(protector, now, signsFrom);
        db.SigningKeys.Add(fresh);
        await db.SaveChangesAsync(cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.SigningKeyRotated, SecurityEventOutcomes.Success, Detail: fresh.KeyId));
        return new RotatedSigningKey(fresh.KeyId, signsFrom, retired, expired.Select(k => k.KeyId).ToList());
    }

    private static DateTimeOffset WholeSecondAtOrAfter(DateTimeOffset time)
    {
        var remainder = time.UtcTicks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? time : time.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }
}
