using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// The person who received a "set your password" link sets their password with it. The link works once (its row is
/// deleted in the same transaction as the new password is saved, so two uses at once cannot both succeed) and only
/// until it expires; a guessed, used, replaced or expired link gets one answer. As with any new password, the user's
/// sessions end and every token issued to them is revoked; a lockout ends too (it guarded the old password, and a person
/// locked out is who asks for a reset).
/// </summary>
public sealed record SetPasswordWithLink(string Token, string Password) : ICommand<Result<string>>
{
    // A record prints every member: neither the token nor the password may reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder) => false;
}

/// <summary>Whether a link can still set a password, so its page can say so before the person types one.</summary>
public sealed record IsPasswordSetupLinkUsable(string Token) : IQuery<bool>
{
    private bool PrintMembers(System.Text.StringBuilder builder) => false;
}

public sealed class SetPasswordWithLinkValidator : AbstractValidator<SetPasswordWithLink>
{
    public SetPasswordWithLinkValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(128).OverridePropertyName("token");
        RuleFor(c => c.Password).NotNull().ValidPassword().OverridePropertyName("password");
    }
}

public sealed class SetPasswordWithLinkHandler(
    IAuthDbContext db,
    IPasswordHasher hasher,
    UserAccessRevocation revocation,
    ISecurityEvents events,
    TimeProvider clock) : ICommandHandler<SetPasswordWithLink, Result<string>>, IQueryHandler<IsPasswordSetupLinkUsable, bool>
{
    public const string Refusal = "This link cannot set a password: it was used, has expired or was replaced by a newer one. Ask for a new link.";

    public async ValueTask<bool> Handle(IsPasswordSetupLinkUsable query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.Token) || query.Token.Length > 128)
        {
            return false;
        }

        var hash = PasswordSetupTokens.Hash(query.Token);
        var link = await db.PasswordSetupLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is not null && link.IsUsableAt(clock.GetUtcNow());
    }

    /// <summary>
    /// Made again on fresh data when the user's row changed between the read and the save (a directory's change to
    /// them or to one of their groups): the transaction rolled back, so the link is still there to spend.
    /// </summary>
    public async ValueTask<Result<string>> Handle(SetPasswordWithLink command, CancellationToken cancellationToken)
    {
        string? passwordHash = null;
        return await WriteRetry.OnFreshDataAsync(
            db, () => SetAsync(command, () => passwordHash ??= hasher.Hash(command.Password), cancellationToken), cancellationToken);
    }

    private async Task<Result<string>> SetAsync(SetPasswordWithLink command, Func<string> passwordHash, CancellationToken cancellationToken)
    {
        var hash = PasswordSetupTokens.Hash(command.Token);
        var now = clock.GetUtcNow();
        var link = await db.PasswordSetupLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var user = link is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
        if (link is null || user is null || !user.IsActive || !link.IsUsableAt(now))
        {
            if (link is not null && !link.IsUsableAt(now))
            {
                await db.PasswordSetupLinks.Where(l => l.TokenHash == hash).ExecuteDeleteAsync(cancellationToken);
            }

            events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordSetByLink, SecurityEventOutcomes.Failure, user?.Id, Detail: user?.UserName));
            return Error.Invalid(Refusal);
        }

        // Hashed before the transaction, so the link's row (and SQLite's write lock) is not held for the hash's length.
        var newHash = passwordHash();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        if (await db.PasswordSetupLinks.Where(l => l.TokenHash == hash).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            // Used meanwhile by another request: this one sets nothing.
            events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordSetByLink, SecurityEventOutcomes.Failure, user.Id, Detail: user.UserName));
            return Error.Invalid(Refusal);
        }

        user.SetPasswordHash(newHash, now);

        // A lockout guards the old password against guessing; the person who chose this one proved the link.
        user.Unlock();
        await revocation.SaveEndingAccessAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordSetByLink, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return user.UserName;
    }
}
