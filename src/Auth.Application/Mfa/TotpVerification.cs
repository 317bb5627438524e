using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Mfa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Mfa;

/// <summary>
/// Checks a TOTP or recovery code for a user, with the rules every use shares: one step either side of now, each
/// step accepted once per user and only after the last accepted one (an atomic conditional update, so parallel
/// requests and other nodes cannot both succeed), and a lockout after repeated wrong codes.
/// </summary>
public sealed class TotpVerification(
    IAuthDbContext db,
    IOneTimePasswords otp,
    ISecretProtector protector,
    IOptions<MfaOptions> options,
    ISecurityEvents events,
    TimeProvider clock)
{
    public const string SecretPurpose = "totp-secret-v1";

    /// <summary>The outcome: whether a pending enrolment was confirmed by this code.</summary>
    public sealed record Outcome(bool ConfirmedEnrolment);

    public async Task<Result<Outcome>> VerifyCodeAsync(string userId, string code, bool mayConfirmEnrolment, CancellationToken cancellationToken)
    {
        var result = await CheckCodeAsync(userId, code, mayConfirmEnrolment, cancellationToken);
        Report(userId, "totp", result);
        return result;
    }

    public async Task<Result<Outcome>> VerifyRecoveryCodeAsync(string userId, string code, CancellationToken cancellationToken)
    {
        var result = await CheckRecoveryCodeAsync(userId, code, cancellationToken);
        Report(userId, "recovery_code", result);
        return result;
    }

    private async Task<Result<Outcome>> CheckCodeAsync(string userId, string code, bool mayConfirmEnrolment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var authenticator = await db.TotpAuthenticators.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        if (authenticator is null || (!authenticator.IsConfirmed && (!mayConfirmEnrolment || authenticator.PendingProtectedSecret is null)))
        {
            return TotpErrors.NotEnrolled();
        }

        if (authenticator.IsLockedOut(now))
        {
            return TotpErrors.LockedOut();
        }

        var pendingStep = mayConfirmEnrolment && authenticator.PendingProtectedSecret is { } pending ? Match(pending, code, now) : null;
        var step = pendingStep ?? (authenticator.ProtectedSecret is { } confirmed ? Match(confirmed, code, now) : null);
        if (step is null)
        {
            await CountFailureAsync(userId, now, cancellationToken);
            return TotpErrors.WrongCode();
        }

        // RFC 6238 §5.2: a step is accepted once; so is anything before the last accepted step.
        var claimed = await db.TotpAuthenticators
            .Where(a => a.UserId == userId && a.LastUsedStep < step.Value && (a.LockoutEnd == null || a.LockoutEnd <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LastUsedStep, step.Value).SetProperty(a => a.FailedAttempts, 0), cancellationToken);
        if (claimed == 0)
        {
            return TotpErrors.Replayed();
        }

        return new Outcome(ConfirmedEnrolment: pendingStep is not null);
    }

    private async Task<Result<Outcome>> CheckRecoveryCodeAsync(string userId, string code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var authenticator = await db.TotpAuthenticators.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        if (authenticator is not { IsConfirmed: true })
        {
            return TotpErrors.NotEnrolled();
        }

        if (authenticator.IsLockedOut(now))
        {
            return TotpErrors.LockedOut();
        }

        var hash = RecoveryCodes.Hash(code);
        var used = await db.RecoveryCodes
            .Where(r => r.UserId == userId && r.CodeHash == hash && r.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.UsedAt, now), cancellationToken);
        if (used == 0)
        {
            await CountFailureAsync(userId, now, cancellationToken);
            return TotpErrors.WrongRecoveryCode();
        }

        await db.TotpAuthenticators.Where(a => a.UserId == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedAttempts, 0), cancellationToken);
        return new Outcome(ConfirmedEnrolment: false);
    }

    /// <summary>Replaces the user's recovery codes with new ones and returns them (shown once, stored hashed).</summary>
    public async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(string userId, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var codes = Enumerable.Range(0, options.Value.RecoveryCodeCount).Select(_ => RecoveryCodes.New()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode(userId, RecoveryCodes.Hash(c))));
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    private void Report(string userId, string method, Result<Outcome> result)
    {
        var outcome = result.Succeeded ? SecurityEventOutcomes.Success : result.Error switch
        {
            var e when e == TotpErrors.Replayed() => SecurityEventOutcomes.Replayed,
            var e when e == TotpErrors.LockedOut() => SecurityEventOutcomes.LockedOut,
            var e when e == TotpErrors.NotEnrolled() => SecurityEventOutcomes.NotEnrolled,
            _ => SecurityEventOutcomes.Failure,
        };
        events.Record(new SecurityEvent(SecurityEventTypes.MfaVerified, outcome, userId, Detail: method));
    }

    private long? Match(string protectedSecret, string code, DateTimeOffset now) =>
        otp.MatchStep(protector.Unprotect(protectedSecret, SecretPurpose), code, now);

    /// <summary>Counts a wrong code whatever the caller's address; the attempt that reaches the limit starts a lockout.</summary>
    private async Task CountFailureAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxFailedAttempts;
        var lockoutEnd = now + options.Value.LockoutDuration;
        await db.TotpAuthenticators.Where(a => a.UserId == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedAttempts, a => a.FailedAttempts + 1), cancellationToken);
        await db.TotpAuthenticators.Where(a => a.UserId == userId && a.FailedAttempts >= limit)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LockoutEnd, lockoutEnd).SetProperty(a => a.FailedAttempts, 0), cancellationToken);
    }
}
