namespace Auth.Application.Results;

public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Unauthorized,
    PreconditionFailed,
}
