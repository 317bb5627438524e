using Auth.Application.Results;

namespace Auth.Application.Mfa;

/// <summary>The expected failures of TOTP use cases; the edge answers them as 400 invalid_grant (the spec's error body).</summary>
public static class TotpErrors
{
    public static Error NotEnrolled() => new(ErrorKind.Invalid, "No authenticator is enrolled; start with POST /mfa/totp/generate.", "invalid_request");

    public static Error WrongCode() => new(ErrorKind.Invalid, "The code is not valid.", "invalid_grant");

    public static Error Replayed() => new(ErrorKind.Invalid, "This code has already been used; wait for the next one.", "invalid_grant");

    public static Error LockedOut() => new(ErrorKind.Invalid, "Too many wrong codes; verification is paused for a while.", "invalid_grant");

    public static Error WrongRecoveryCode() => new(ErrorKind.Invalid, "The recovery code is not valid or was already used.", "invalid_grant");
}
