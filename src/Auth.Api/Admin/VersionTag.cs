using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.Admin;

/// <summary>
/// The admin API's one way with entity tags: a stored version (OpenIddict's concurrency token, or a row's version
/// number) as a strong ETag (<c>"7"</c>), and the version an <c>If-Match</c> header asks for. RFC 9110 §13.1.1
/// compares If-Match strongly, so a weak tag, a list of tags or anything this API never gave names a version that is
/// never current: the change fails its precondition (412), as it should.
/// </summary>
public static class VersionTag
{
    private const string NeverCurrent = "\0never current";

    public static string Of(string version) => new EntityTagHeaderValue($"\"{version}\"").ToString();

    public static string Of(long version) => Of(version.ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets the response's ETag to <paramref name="version"/>, when there is one.</summary>
    public static void Write(HttpResponse response, string? version)
    {
        if (version is not null)
        {
            response.Headers.ETag = Of(version);
        }
    }

    /// <summary>Whether If-Match is <c>*</c>: any current version, so the resource must exist.</summary>
    public static bool IsAny(HttpRequest request) => request.Headers.IfMatch.ToString().Trim() == "*";

    /// <summary>The version If-Match names; null without the header or with <c>*</c>.</summary>
    public static string? Expected(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || IsAny(request))
        {
            return null;
        }

        return EntityTagHeaderValue.TryParseList([header], out var tags) && tags is [{ IsWeak: false } tag]
            ? tag.Tag.Value![1..^1]
            : NeverCurrent;
    }

    /// <summary>As <see cref="Expected"/>, for a resource versioned by number: -1, which nothing is at, for a tag that is not one.</summary>
    public static long? ExpectedNumber(HttpRequest request) =>
        Expected(request) is not { } version ? null
        : long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : -1;
}
