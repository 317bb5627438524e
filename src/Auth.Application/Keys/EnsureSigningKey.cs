using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Keys;

/// <summary>Creates the first signing key on first start; does nothing when a key that has not been replaced exists.</summary>
public sealed record EnsureSigningKey : ICommand<string>;

public sealed class EnsureSigningKeyHandler(IAuthDbContext db, ISecretProtector protector, TimeProvider clock, FirstRsaKey firstRsaKey)
    : ICommandHandler<EnsureSigningKey, string>
{
    public async ValueTask<string> Handle(EnsureSigningKey command, CancellationToken cancellationToken)
    {
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var current = keys.Where(k => !k.IsReplaced).OrderByDescending(k => k.SignsFrom).FirstOrDefault();
        if (current is not null)
        {
            return current.KeyId;
        }

        // Nothing is published yet, so nobody can be waiting for this key: it signs at once.
        using var rsa = await firstRsaKey.TakeAsync(cancellationToken);
        var key = SigningKeyFactory.Create(rsa, protector, clock.GetUtcNow());
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key.KeyId;
    }
}
