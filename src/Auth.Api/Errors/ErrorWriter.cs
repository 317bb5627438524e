using System.Text.Json;

namespace Auth.Api.Errors;

/// <summary>
/// Writes <see cref="ErrorBody"/> responses outside OpenIddict's own endpoints; under /scim in the SCIM error schema
/// (RFC 7644 §3.12), which carries the same error and description members, so a SCIM client reads a 413, 429, 500 or
/// 503 as it reads any other SCIM error.
/// </summary>
public static class ErrorWriter
{
    // Error bodies are served as application/json, never inlined into HTML, so quotes need no escaping.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int statusCode, string error, string description, IReadOnlyList<FieldError>? errors = null)
    {
        if (context.Request.Path.StartsWithSegments(Routes.Scim))
        {
            await Scim.ScimResponses.Error(statusCode, description, error: error).ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(response.Body, ErrorBody.Create(error, description, errors), Json, context.RequestAborted);
    }

    /// <summary>Answers with the status and the body <see cref="Describe"/> gives it.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode)
    {
        var (error, description) = Describe(statusCode);
        return WriteAsync(context, statusCode, error, description);
    }

    /// <summary>What an empty 4xx/5xx produced by routing or the framework means, in the API's words (docs/api.md).</summary>
    private static (string Error, string Description) Describe(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => (ErrorCodes.InvalidRequest, "The request is malformed."),
        StatusCodes.Status401Unauthorized => (ErrorCodes.InvalidToken, "Authentication is required."),
        StatusCodes.Status403Forbidden => (ErrorCodes.AccessDenied, "Access is denied."),
        StatusCodes.Status404NotFound => (ErrorCodes.InvalidRequest, "No resource exists at this address."),
        StatusCodes.Status405MethodNotAllowed => (ErrorCodes.InvalidRequest, "This HTTP method is not allowed for this address."),
        StatusCodes.Status406NotAcceptable => (ErrorCodes.InvalidRequest, "No acceptable representation is available."),
        StatusCodes.Status411LengthRequired => (ErrorCodes.InvalidRequest, "A Content-Length is required."),
        StatusCodes.Status413PayloadTooLarge => (ErrorCodes.InvalidRequest, "The request body is too large."),
        StatusCodes.Status414UriTooLong => (ErrorCodes.InvalidRequest, "The request URI is too long."),
        StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.InvalidRequest, "The request content type is not supported."),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => (ErrorCodes.InvalidRequest, "The request headers are too large."),
        StatusCodes.Status429TooManyRequests => (ErrorCodes.InvalidRequest, "Too many requests."),
        StatusCodes.Status503ServiceUnavailable => (ErrorCodes.TemporarilyUnavailable, "The service is temporarily unavailable."),
        >= 500 => (ErrorCodes.ServerError, "The server could not complete the request."),
        _ => (ErrorCodes.InvalidRequest, "The request could not be processed."),
    };
}
