using Auth.Api.Authorization;
using Auth.Application.Mfa;
using Auth.Application.Results;

namespace Auth.Api.Errors;

/// <summary>
/// The one mapping from application errors to HTTP in the OAuth flavour (<c>{error, error_description}</c>, RFC 6749
/// §5.2) for the service's own APIs outside SCIM (MFA, admin); <see cref="Scim.ScimResponses"/> is SCIM's. Refused tokens
/// (<see cref="BearerRefusal"/>) answer with the same body. The error's code, where it has one, is the body's error.
/// </summary>
public static class OAuthErrorResults
{
    /// <param name="api">The API whose challenge a sign-in too old answers with.</param>
    public static IResult From(Error error, BearerApi api) => error switch
    {
        // The token's user no longer exists or is deactivated: it may not act. OAuth has no not_found.
        { Kind: ErrorKind.NotFound } => Create(StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, error.Description),
        { Code: TotpErrors.InsufficientUserAuthentication } => BearerRefusal.InsufficientUserAuthentication(api, error.Description),
        _ => InvalidRequest(error.Description, error.Code),
    };

    public static IResult InvalidRequest(string description, string? error = null) =>
        Create(StatusCodes.Status400BadRequest, error ?? ErrorCodes.InvalidRequest, description);

    public static IResult Create(int status, string error, string description) =>
        TypedResults.Json(ErrorBody.Create(error, description), statusCode: status);
}
