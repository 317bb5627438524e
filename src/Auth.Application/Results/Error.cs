namespace Auth.Application.Results;

/// <summary>An expected failure of a use case: a stable code the edge maps to a status, and a sentence for people.</summary>
/// <param name="Code">A protocol-specific code where one applies, e.g. the SCIM scimType (RFC 7644 §3.12).</param>
public sealed record Error(ErrorKind Kind, string Description, string? Code = null)
{
    /// <summary>What keeps a change from being made, by id: the clients a scope cannot be removed from under. Empty for most errors.</summary>
    public IReadOnlyList<string> Dependents { get; init; } = [];

    public static Error NotFound(string description) => new(ErrorKind.NotFound, description);

    public static Error Conflict(string description) => new(ErrorKind.Conflict, description);

    public static Error Invalid(string description) => new(ErrorKind.Invalid, description);

    public static Error Unauthorized(string description) => new(ErrorKind.Unauthorized, description);

    public static Error PreconditionFailed(string description) => new(ErrorKind.PreconditionFailed, description);
}
