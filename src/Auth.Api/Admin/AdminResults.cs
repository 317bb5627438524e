using Auth.Api.Errors;
using Auth.Application.Results;

namespace Auth.Api.Admin;

/// <summary>
/// The admin API's mapping of a use case's expected failure to HTTP, in the OAuth error shape (<see cref="ErrorBody"/>):
/// unlike <see cref="OAuthErrorResults.From"/>, what the path names not existing is a plain 404 here.
/// </summary>
public static class AdminResults
{
    public static IResult Error(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => OAuthErrorResults.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, error.Description),
        ErrorKind.Conflict => OAuthErrorResults.Create(StatusCodes.Status409Conflict, ErrorCodes.Conflict, error.Description),
        ErrorKind.PreconditionFailed => OAuthErrorResults.Create(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed, error.Description),
        _ => OAuthErrorResults.InvalidRequest(error.Description, error.Code),
    };

    public static IResult NoUser(string id) =>
        OAuthErrorResults.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No user has the id '{id}'.");
}
