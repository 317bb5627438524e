using System.Globalization;
using System.Text.Json.Nodes;
using Auth.Application.Results;
using Auth.Application.Scim;

namespace Auth.Api.Scim;

/// <summary>
/// SCIM responses: application/scim+json bodies, and the one mapping of errors to HTTP for SCIM, in the SCIM error
/// schema (RFC 7644 §3.12) with the OAuth error/error_description members as well.
/// </summary>
public static class ScimResponses
{
    public const string MediaType = "application/scim+json";

    public static IResult Resource(JsonObject body, int status = StatusCodes.Status200OK, string? etag = null, string? location = null) =>
        new ScimResult(body, status, etag, location);

    public static IResult Error(Error error) => Error(StatusOf(error.Kind), error.Description, error.Code);

    /// <summary>An empty answer of routing under /scim (no such path, a method the path does not take), in the SCIM schema.</summary>
    public static IResult RoutingError(int status) => Error(status, status switch
    {
        StatusCodes.Status404NotFound => "No SCIM endpoint exists at this address.",
        StatusCodes.Status405MethodNotAllowed => "This SCIM endpoint does not take this HTTP method.",
        StatusCodes.Status415UnsupportedMediaType => "Send application/scim+json or application/json.",
        _ => "The request could not be processed.",
    });

    /// <param name="error">The OAuth error member; by default derived from the status and scimType.</param>
    public static IResult Error(int status, string detail, string? scimType = null, string? error = null)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }

        body["detail"] = Errors.ErrorBody.Sanitize(detail);
        body["error"] = error ?? OAuthCode(status, scimType);
        body["error_description"] = Errors.ErrorBody.Sanitize(detail);
        return new ScimResult(body, status, etag: null, location: null);
    }

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string OAuthCode(int status, string? scimType) => (status, scimType) switch
    {
        (401, _) => "invalid_token",
        (403, _) => "insufficient_scope",
        (404, _) => "not_found",
        (409, _) => "conflict",
        (412, _) => "precondition_failed",
        (_, "invalidFilter") => "invalid_filter",
        _ => "invalid_request",
    };

    // Served as application/scim+json, never inlined into HTML: quotes in ETags need no \u0022 escaping.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed class ScimResult(JsonObject body, int status, string? etag, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = MediaType + "; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }

            if (location is not null)
            {
                response.Headers.Location = location;
            }

            await response.WriteAsync(body.ToJsonString(Json), context.RequestAborted);
        }
    }
}
