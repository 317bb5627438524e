using Auth.Api.Errors;
using Auth.Application.Results;

namespace Auth.Api.Admin;

/// <summary>
/// The admin API's one mapping from application errors to HTTP: <c>{error, error_description}</c> with 400
/// invalid_request, 404 not_found, 409 conflict or 412 precondition_failed. (The MFA API's mapping,
/// <see cref="OAuthErrorResults.From"/>, answers a missing user with 403: there the user is the caller.)
/// </summary>
public static class AdminResults
{
    public static IResult From(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => OAuthErrorResults.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, error.Description),
        ErrorKind.Conflict => OAuthErrorResults.Create(StatusCodes.Status409Conflict, ErrorCodes.Conflict, error.Description),
        ErrorKind.PreconditionFailed => OAuthErrorResults.Create(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed, error.Description),
        _ => OAuthErrorResults.InvalidRequest(error.Description, error.Code),
    };
}
