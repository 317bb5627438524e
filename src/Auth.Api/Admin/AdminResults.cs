using Auth.Api.Errors;
using Auth.Application.Results;

namespace Auth.Api.Admin;

/// <summary>
/// The one mapping from a use case's expected failure to the admin API's answer: the OAuth-flavoured body
/// (<c>{error, error_description}</c>) with the status the error's kind calls for.
/// </summary>
public static class AdminResults
{
    public static IResult From(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => OAuthErrorResults.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, error.Description),
        ErrorKind.Conflict => OAuthErrorResults.Create(StatusCodes.Status409Conflict, ErrorCodes.Conflict, error.Description),
        ErrorKind.PreconditionFailed => OAuthErrorResults.Create(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed, error.Description),
        _ => OAuthErrorResults.InvalidRequest(error.Description),
    };
}
