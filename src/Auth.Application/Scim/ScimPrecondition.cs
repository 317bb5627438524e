using System.Text.Json.Nodes;
using Auth.Application.Results;

namespace Auth.Application.Scim;

/// <summary>
/// What a change to the resource at /{type}/{id} must meet before it is applied: the resource exists (404), it is
/// still at a version the client sent in If-Match, so no one's change is overwritten unseen (RFC 7644 §3.14: 412),
/// and a resource sent to replace it names no other id (RFC 7643 §3.1: id is readOnly).
/// </summary>
public static class ScimPrecondition
{
    public static Result<T> Check<T>(T? resource, string resourceType, string id, ScimIfMatch? ifMatch, Func<T, long> version)
        where T : class =>
        resource is null ? ScimErrors.NotFound(resourceType, id)
        : ifMatch is { } expected && !expected.Admits(version(resource)) ? ScimErrors.VersionMismatch()
        : resource;

    public static Result<JsonObject> KeepsId(JsonObject replacement, string id) =>
        replacement.Get("id") is { } sent && (!ScimJson.TryReadString(sent, out var text) || text != id)
            ? ScimErrors.Mutability("The id attribute is read-only.")
            : replacement;
}
