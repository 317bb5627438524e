using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Keys;

/// <summary>Creates the first signing key on first start; does nothing when a signing key exists.</summary>
public sealed record EnsureSigningKey : ICommand<string>;

public sealed class EnsureSigningKeyHandler(IAuthDbContext db, ISecretProtector protector, TimeProvider clock)
    : ICommandHandler<EnsureSigningKey, string>
{
    public async ValueTask<string> Handle(EnsureSigningKey command, CancellationToken cancellationToken)
    {
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var signing = keys.Where(k => k.IsSigning).OrderByDescending(k => k.CreatedAt).FirstOrDefault();
        if (signing is not null)
        {
            return signing.KeyId;
        }

        var key = SigningKeyFactory.Create(protector, clock.GetUtcNow());
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return key.KeyId;
    }
}
