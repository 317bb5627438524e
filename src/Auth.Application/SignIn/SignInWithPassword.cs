using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Auth.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn;

/// <summary>Checks a user name and password, counting failures toward a lockout.</summary>
public sealed record SignInWithPassword(string UserName, string Password) : ICommand<Result<SignedInUser>>;

/// <summary>Who signed in, and the security stamp their session is bound to.</summary>
public sealed record SignedInUser(string UserId, string UserName, string SecurityStamp, DateTimeOffset AuthenticatedAt);

public sealed class SignInWithPasswordValidator : AbstractValidator<SignInWithPassword>
{
    public SignInWithPasswordValidator()
    {
        RuleFor(c => c.UserName).NotEmpty().MaximumLength(256);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(1024);
    }
}

public sealed class SignInWithPasswordHandler(
    IAuthDbContext db,
    IPasswordHasher hasher,
    IOptions<SignInOptions> options,
    ISecurityEvents events,
    TimeProvider clock) : ICommandHandler<SignInWithPassword, Result<SignedInUser>>
{
    /// <summary>
    /// One answer for an unknown user, a wrong password, a locked and a deactivated account, so the page does not tell
    /// which user names exist. Every path verifies one password hash, so timing does not tell either.
    /// </summary>
    public const string Refusal = "The user name or password is incorrect, or the account cannot sign in right now. Repeated failures lock the account for a while.";

    private const int ConcurrencyRetries = 20;

    public async ValueTask<Result<SignedInUser>> Handle(SignInWithPassword command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Named(command.UserName).SingleOrDefaultAsync(cancellationToken);
        var verdict = new PasswordVerdict(hasher, command.Password);
        var passwordMatches = verdict.Matches(user?.PasswordHash);
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            if (user is null || !user.IsActive || user.IsLockedOut(now))
            {
                await RecordRefusalAsync(User.Normalize(command.UserName), now, cancellationToken);

                // An unknown name may be a password typed in the wrong field: it is not written to the audit log.
                events.Record(user is null
                    ? new SecurityEvent(SecurityEventTypes.SignIn, SecurityEventOutcomes.UnknownUser)
                    : new SecurityEvent(SecurityEventTypes.SignIn, user.IsActive ? SecurityEventOutcomes.LockedOut : SecurityEventOutcomes.Disabled, user.Id, Detail: user.UserName));
                return Error.Unauthorized(Refusal);
            }

            if (passwordMatches)
            {
                user.RecordSuccessfulSignIn(now);
            }
            else
            {
                user.RecordFailedSignIn(now, options.Value.Lockout);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyRetries)
            {
                // Another attempt on the same account was counted meanwhile: count this one on fresh data.
                db.DiscardChanges();
                user = await db.Users.Named(command.UserName).SingleOrDefaultAsync(cancellationToken);

                // Had the password changed meanwhile, the one typed is checked against the new one, never the old.
                passwordMatches = verdict.Matches(user?.PasswordHash);
                continue;
            }

            var outcome = passwordMatches ? SecurityEventOutcomes.Success
                : user.IsLockedOut(now) ? SecurityEventOutcomes.LockedOut : SecurityEventOutcomes.Failure;
            events.Record(new SecurityEvent(SecurityEventTypes.SignIn, outcome, user.Id, Detail: user.UserName));
            return passwordMatches
                ? new SignedInUser(user.Id, user.UserName, user.SecurityStamp, now)
                : Error.Unauthorized(Refusal);
        }
    }

    /// <summary>One row write, like counting a wrong password on a user, so every refusal costs the same.</summary>
    private async Task RecordRefusalAsync(string normalizedUserName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A name can grow in NFC beyond what the column holds; such names are counted under their first characters.
        normalizedUserName = normalizedUserName.Length <= UserNameRule.MaxLength ? normalizedUserName : normalizedUserName[..UserNameRule.MaxLength];
        var updated = await db.RefusedSignInNames.Where(r => r.NormalizedUserName == normalizedUserName)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Count, r => r.Count + 1).SetProperty(r => r.LastAttemptAt, now), cancellationToken);
        if (updated > 0)
        {
            return;
        }

        db.RefusedSignInNames.Add(new RefusedSignInName(normalizedUserName, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // A parallel refusal inserted the row first; it has been counted either way.
            db.DiscardChanges();
        }
    }
}
