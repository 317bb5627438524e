using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Mfa;

/// <summary>
/// Verifies a TOTP code: the first valid code for a pending enrolment confirms it and returns new recovery codes
/// (shown once); afterwards a valid code is a step-up verification. Without <paramref name="RecentSignIn"/>, a
/// pending enrolment (first or replacement) is refused before any code is checked: confirming one needs a recent
/// sign-in, and a plain verification is only for a user with nothing pending.
/// </summary>
public sealed record VerifyTotp(string UserId, string Code, bool RecentSignIn) : ICommand<Result<TotpVerified>>;

public sealed record TotpVerified(bool Enrolled, IReadOnlyList<string>? RecoveryCodes);

public sealed class VerifyTotpValidator : AbstractValidator<VerifyTotp>
{
    public VerifyTotpValidator() => RuleFor(c => c.Code).NotEmpty().Matches("^[0-9]{6}$").WithMessage("The code is six digits.");
}

public sealed class VerifyTotpHandler(IAuthDbContext db, TotpVerification verification, ISecurityEvents events, TimeProvider clock) : ICommandHandler<VerifyTotp, Result<TotpVerified>>
{
    public async ValueTask<Result<TotpVerified>> Handle(VerifyTotp command, CancellationToken cancellationToken)
    {
        if (!command.RecentSignIn &&
            await db.TotpAuthenticators.AnyAsync(a => a.UserId == command.UserId && a.PendingProtectedSecret != null, cancellationToken))
        {
            return TotpErrors.RecentSignInRequired();
        }

        var verified = await verification.VerifyCodeAsync(command.UserId, command.Code, mayConfirmEnrolment: true, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified.Error;
        }

        if (!verified.Value.ConfirmedEnrolment)
        {
            return new TotpVerified(Enrolled: false, RecoveryCodes: null);
        }

        var authenticator = await db.TotpAuthenticators.SingleAsync(a => a.UserId == command.UserId, cancellationToken);
        authenticator.ConfirmEnrolment(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.MfaEnrolled, SecurityEventOutcomes.Success, command.UserId, Detail: "totp"));
        return new TotpVerified(Enrolled: true, await verification.ReplaceRecoveryCodesAsync(command.UserId, cancellationToken));
    }
}
