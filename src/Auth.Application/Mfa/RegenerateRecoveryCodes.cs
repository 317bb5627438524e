using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;

namespace Auth.Application.Mfa;

/// <summary>New recovery codes (the old ones stop working), proven by a current TOTP code.</summary>
public sealed record RegenerateRecoveryCodes(string UserId, string Code) : ICommand<Result<IReadOnlyList<string>>>;

public sealed class RegenerateRecoveryCodesValidator : AbstractValidator<RegenerateRecoveryCodes>
{
    public RegenerateRecoveryCodesValidator() => RuleFor(c => c.Code).NotEmpty().Matches("^[0-9]{6}$").WithMessage("The code is six digits.");
}

public sealed class RegenerateRecoveryCodesHandler(TotpVerification verification, ISecurityEvents events) : ICommandHandler<RegenerateRecoveryCodes, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(RegenerateRecoveryCodes command, CancellationToken cancellationToken)
    {
        var proven = await verification.VerifyCodeAsync(command.UserId, command.Code, mayConfirmEnrolment: false, cancellationToken);
        if (!proven.Succeeded)
        {
            return proven.Error;
        }

        var codes = await verification.ReplaceRecoveryCodesAsync(command.UserId, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.RecoveryCodesRegenerated, SecurityEventOutcomes.Success, command.UserId));
        return Result<IReadOnlyList<string>>.Success(codes);
    }
}
