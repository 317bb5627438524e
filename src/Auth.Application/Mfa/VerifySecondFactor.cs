using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Mfa;

/// <summary>The sign-in step after the password: a TOTP code or a recovery code of a confirmed authenticator.</summary>
public sealed record VerifySecondFactor(string UserId, string Code) : ICommand<Result<bool>>;

/// <summary>Whether the user must give a second factor at sign-in (a confirmed authenticator exists).</summary>
public sealed record HasSecondFactor(string UserId) : IQuery<bool>;

public sealed class VerifySecondFactorHandler(TotpVerification verification) : ICommandHandler<VerifySecondFactor, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(VerifySecondFactor command, CancellationToken cancellationToken)
    {
        var code = command.Code.Trim();
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await verification.VerifyCodeAsync(command.UserId, code, mayConfirmEnrolment: false, cancellationToken)
            : await verification.VerifyRecoveryCodeAsync(command.UserId, code, cancellationToken);
        return result.Succeeded ? true : result.Error;
    }
}

public sealed class HasSecondFactorHandler(IAuthDbContext db) : IQueryHandler<HasSecondFactor, bool>
{
    public async ValueTask<bool> Handle(HasSecondFactor query, CancellationToken cancellationToken) =>
        await db.TotpAuthenticators.AnyAsync(a => a.UserId == query.UserId && a.ProtectedSecret != null, cancellationToken);
}
