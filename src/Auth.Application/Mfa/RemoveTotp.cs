using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Mfa;

/// <summary>
/// Removes the user's authenticator and recovery codes; proven by a current code or a recovery code. The user's
/// sessions end, since some of them were started with the authenticator now gone.
/// </summary>
public sealed record RemoveTotp(string UserId, string? Code, string? RecoveryCode) : ICommand<Result<bool>>;

public sealed class RemoveTotpValidator : AbstractValidator<RemoveTotp>
{
    public RemoveTotpValidator()
    {
        RuleFor(c => c).Must(c => (c.Code is null) != (c.RecoveryCode is null)).WithMessage("Send either code or recovery_code.");
        RuleFor(c => c.Code).Matches("^[0-9]{6}$").When(c => c.Code is not null).WithMessage("The code is six digits.");
        RuleFor(c => c.RecoveryCode).MaximumLength(64);
    }
}

public sealed class RemoveTotpHandler(IAuthDbContext db, TotpVerification verification, UserAccessRevocation revocation, ISecurityEvents events) : ICommandHandler<RemoveTotp, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(RemoveTotp command, CancellationToken cancellationToken)
    {
        var proven = command.Code is { } code
            ? await verification.VerifyCodeAsync(command.UserId, code, mayConfirmEnrolment: false, cancellationToken)
            : await verification.VerifyRecoveryCodeAsync(command.UserId, command.RecoveryCode!, cancellationToken);
        if (!proven.Succeeded)
        {
            return proven.Error;
        }

        await db.RecoveryCodes.Where(r => r.UserId == command.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.TotpAuthenticators.Where(a => a.UserId == command.UserId).ExecuteDeleteAsync(cancellationToken);
        await revocation.EndSessionsAsync(command.UserId, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.MfaRemoved, SecurityEventOutcomes.Success, command.UserId));
        return true;
    }
}
