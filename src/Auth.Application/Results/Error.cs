namespace Auth.Application.Results;

/// <summary>An expected failure of a use case: a stable code the edge maps to a status, and a sentence for people.</summary>
public sealed record Error(ErrorKind Kind, string Description)
{
    public static Error NotFound(string description) => new(ErrorKind.NotFound, description);

    public static Error Conflict(string description) => new(ErrorKind.Conflict, description);

    public static Error Invalid(string description) => new(ErrorKind.Invalid, description);

    public static Error Unauthorized(string description) => new(ErrorKind.Unauthorized, description);
}
