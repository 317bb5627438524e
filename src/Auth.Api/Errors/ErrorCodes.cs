namespace Auth.Api.Errors;

/// <summary>
/// The error codes this service writes itself (OpenIddict writes the OAuth endpoints' own): RFC 6749 §5.2 and §4.1.2.1,
/// RFC 6750 §3.1 and RFC 9470 §3; docs/api.md lists where each is answered.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string AccessDenied = "access_denied";
    public const string ServerError = "server_error";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string InvalidToken = "invalid_token";

    /// <summary>The admin API: what the path names does not exist (404).</summary>
    public const string NotFound = "not_found";

    /// <summary>The admin API: the change conflicts with what exists (an id taken, a scope still in use, a built-in scope) (409).</summary>
    public const string Conflict = "conflict";

    /// <summary>The admin API: If-Match names a version that is no longer the stored one (RFC 9110 §13.1.1) (412).</summary>
    public const string PreconditionFailed = "precondition_failed";

    /// <summary>RFC 6750 §3.1: the token lacks the scope (or audience) the resource requires.</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>RFC 9470 §3: the user's authentication behind the token is too old (or too weak) for the request.</summary>
    public const string InsufficientUserAuthentication = "insufficient_user_authentication";
}
