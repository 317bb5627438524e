using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auth.Application.Scim;
using Auth.Application.Scim.Patch;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.Scim;

/// <summary>Reading SCIM requests: JSON bodies (application/scim+json or application/json), ETags and PatchOp messages.</summary>
public static class ScimRequest
{
    public static async Task<(JsonObject? Body, IResult? Error)> ReadBodyAsync(HttpRequest request)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, ScimResponses.MediaType, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ScimResponses.Error(StatusCodes.Status415UnsupportedMediaType, "Send application/scim+json or application/json.", "invalidSyntax"));
        }

        // Bounded by the SCIM body limit (RequestLimits); checked whole before the tree is built (ScimJsonSyntax).
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var json = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (ScimJsonSyntax.Violation(json) is { } violation)
        {
            return (null, ScimResponses.Error(violation));
        }

        var node = JsonNode.Parse(ScimJsonSyntax.WithoutByteOrderMark(json), documentOptions: new JsonDocumentOptions { MaxDepth = ScimJsonSyntax.MaxDepth });
        return node is JsonObject body
            ? (body, null)
            : (null, ScimResponses.Error(StatusCodes.Status400BadRequest, "The body must be a JSON object.", "invalidSyntax"));
    }

    /// <summary>A PatchOp request's body read and its operations taken out (RFC 7644 §3.5.2), or the error to answer.</summary>
    public static async Task<(IReadOnlyList<ScimPatchOperation>? Operations, IResult? Error)> ReadPatchAsync(HttpRequest request)
    {
        var (body, error) = await ReadBodyAsync(request);
        return error is not null ? (null, error) : PatchOperations(body!);
    }

    private static (IReadOnlyList<ScimPatchOperation>? Operations, IResult? Error) PatchOperations(JsonObject body)
    {
        if (body.Get("Operations") is not JsonArray operations)
        {
            return (null, ScimResponses.Error(StatusCodes.Status400BadRequest, "A PatchOp request has an Operations array.", "invalidSyntax"));
        }

        var list = new List<ScimPatchOperation>();
        foreach (var item in operations)
        {
            if (item is not JsonObject operation ||
                !ScimJson.TryReadString(operation.Get("op"), out var op) ||
                !ScimJson.TryReadString(operation.Get("path"), out var path))
            {
                return (null, ScimResponses.Error(StatusCodes.Status400BadRequest, "Each operation is an object with a string op and an optional string path.", "invalidSyntax"));
            }

            var value = operation.Get("value");
            list.Add(new ScimPatchOperation(op, path, value, value is not null || operation.Any(m => string.Equals(m.Key, "value", StringComparison.OrdinalIgnoreCase))));
        }

        return (list, null);
    }

    /// <summary>
    /// The versions an If-Match header lists (W/"7", "7", or several separated by commas); null when absent or "*".
    /// A tag that is not one of this server's names no version; a header that does not parse as a list of entity tags
    /// (an unquoted value, "*" beside tags) names none at all: nothing matches it.
    /// </summary>
    public static ScimIfMatch? IfMatch(HttpRequest request) => Versions(request.Headers.IfMatch);

    /// <summary>The versions an If-None-Match header lists, read as If-Match's.</summary>
    public static ScimIfMatch? IfNoneMatch(HttpRequest request) => Versions(request.Headers.IfNoneMatch);

    private static ScimIfMatch? Versions(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header) || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return null;
        }

        // Strict: a list with one entry that is no entity tag names nothing, rather than what the rest of it names.
        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags))
        {
            return new ScimIfMatch([]);
        }

        // "*" stands alone (RFC 9110 §13.1.1); beside tags it makes the header one that does not parse.
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return tags.Count == 1 ? null : new ScimIfMatch([]);
        }

        var versions = new List<long>();
        foreach (var tag in tags)
        {
            if (long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        return new ScimIfMatch(versions);
    }
}
