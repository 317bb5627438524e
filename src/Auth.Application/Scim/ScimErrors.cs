using Auth.Application.Results;

namespace Auth.Application.Scim;

/// <summary>The SCIM error types (RFC 7644 §3.12 scimType) as use-case errors.</summary>
public static class ScimErrors
{
    public static Error InvalidSyntax(string detail) => new(ErrorKind.Invalid, detail, "invalidSyntax");

    public static Error InvalidValue(string detail) => new(ErrorKind.Invalid, detail, "invalidValue");

    public static Error InvalidFilter(string detail) => new(ErrorKind.Invalid, detail, "invalidFilter");

    public static Error InvalidPath(string detail) => new(ErrorKind.Invalid, detail, "invalidPath");

    public static Error NoTarget(string detail) => new(ErrorKind.Invalid, detail, "noTarget");

    public static Error Mutability(string detail) => new(ErrorKind.Invalid, detail, "mutability");

    public static Error Uniqueness(string detail) => new(ErrorKind.Conflict, detail, "uniqueness");

    public static Error NotFound(string resource, string id) => Error.NotFound($"{resource} {Truncate(id)} not found.");

    public static Error VersionMismatch() => Error.PreconditionFailed("The resource has changed since the version in If-Match.");

    public static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
