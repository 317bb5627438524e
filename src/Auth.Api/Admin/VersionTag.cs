using Microsoft.Net.Http.Headers;

namespace Auth.Api.Admin;

/// <summary>
/// A stored version as an HTTP entity tag, and the version an <c>If-Match</c> header asks for. Strong tags
/// (<c>"version"</c>): RFC 9110 §13.1.1 compares If-Match strongly, so a weak tag could never match. The version
/// (OpenIddict's concurrency token) changes with every stored change, so one tag is one representation.
/// </summary>
public static class VersionTag
{
    public static string Of(string? version) => new EntityTagHeaderValue($"\"{version}\"").ToString();

    /// <summary>Sets the response's ETag to <paramref name="version"/>.</summary>
    public static void Write(HttpResponse response, string? version)
    {
        if (version is not null)
        {
            response.Headers.ETag = Of(version);
        }
    }

    /// <summary>
    /// The version If-Match names; null without the header or with <c>*</c> (any current version: the use case then
    /// needs the resource only to exist). Several tags or a weak one name a version that is never current: the
    /// request fails its precondition, as it should.
    /// </summary>
    public static string? Expected(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        return EntityTagHeaderValue.TryParseList([header], out var tags) && tags is [{ IsWeak: false } tag]
            ? tag.Tag.Value![1..^1]
            : "\0never current";
    }
}
