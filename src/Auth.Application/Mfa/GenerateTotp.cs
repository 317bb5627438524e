using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Mfa;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Mfa;

/// <summary>
/// Starts (or restarts) a TOTP enrolment: a new secret, returned once with its otpauth:// URI. A confirmed
/// authenticator stays in force until the new one is confirmed with a code, and replacing it takes a current code
/// from it (<paramref name="CurrentCode"/>), so a stolen access token alone cannot swap the second factor.
/// </summary>
public sealed record GenerateTotp(string UserId, string? CurrentCode = null) : ICommand<Result<TotpEnrolment>>;

public sealed record TotpEnrolment(string Secret, string OtpAuthUri);

public sealed class GenerateTotpHandler(
    IAuthDbContext db,
    TotpVerification verification,
    IOneTimePasswords otp,
    ISecretProtector protector,
    IOptions<MfaOptions> options) : ICommandHandler<GenerateTotp, Result<TotpEnrolment>>
{
    public async ValueTask<Result<TotpEnrolment>> Handle(GenerateTotp command, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == command.UserId && u.IsActive).Select(u => new { u.UserName }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return Error.NotFound("The user does not exist or is deactivated.");
        }

        var authenticator = await db.TotpAuthenticators.SingleOrDefaultAsync(a => a.UserId == command.UserId, cancellationToken);
        if (authenticator is { IsConfirmed: true })
        {
            if (command.CurrentCode is not { Length: > 0 } current)
            {
                return new Error(ErrorKind.Invalid, "An authenticator is already confirmed; send a current code from it to replace it.", "invalid_grant");
            }

            var proven = await verification.VerifyCodeAsync(command.UserId, current, mayConfirmEnrolment: false, cancellationToken);
            if (!proven.Succeeded)
            {
                return proven.Error;
            }

            authenticator = await db.TotpAuthenticators.SingleAsync(a => a.UserId == command.UserId, cancellationToken);
        }

        var secret = otp.NewSecret();
        if (authenticator is null)
        {
            authenticator = new TotpAuthenticator(command.UserId);
            db.TotpAuthenticators.Add(authenticator);
        }

        authenticator.StartEnrolment(protector.Protect(secret, TotpVerification.SecretPurpose));
        await db.SaveChangesAsync(cancellationToken);

        var base32 = otp.ToBase32(secret);
        var issuer = options.Value.Issuer;

        // Key Uri Format (Google Authenticator): otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(user.UserName);
        var uri = $"otpauth://totp/{label}?secret={base32}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
        return new TotpEnrolment(base32, uri);
    }
}
