using Auth.Application.Results;

namespace Auth.Application.Mfa;

/// <summary>The expected failures of TOTP use cases; the edge answers them with the API's error body (docs/api.md) (400, or 401 for a sign-in too old).</summary>
public static class TotpErrors
{
    /// <summary>RFC 9470 §3's error code, which the edge answers with 401 and a <c>max_age</c>.</summary>
    public const string InsufficientUserAuthentication = "insufficient_user_authentication";

    public static Error NotEnrolled() => new(ErrorKind.Invalid, "No authenticator is enrolled; start with POST /mfa/totp/generate.", "invalid_request");

    public static Error WrongCode() => new(ErrorKind.Invalid, "The code is not valid.", "invalid_grant");

    public static Error Replayed() => new(ErrorKind.Invalid, "This code has already been used; wait for the next one.", "invalid_grant");

    public static Error LockedOut() => new(ErrorKind.Invalid, "Too many wrong codes; verification is paused for a while.", "invalid_grant");

    /// <summary>RFC 9470 §3: the sign-in behind the access token is too old for this change; the client signs the user in again.</summary>
    public static Error RecentSignInRequired() =>
        new(ErrorKind.Unauthorized, "This change needs a recent sign-in; sign the user in again (max_age) and retry with the new access token.", InsufficientUserAuthentication);

    public static Error WrongRecoveryCode() => new(ErrorKind.Invalid, "The recovery code is not valid or was already used.", "invalid_grant");
}
