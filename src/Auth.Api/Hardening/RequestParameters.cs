using Auth.Api.Errors;
using Auth.Api.Scim;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.Hardening;

/// <summary>
/// Query strings and form bodies are checked, and forms read, once, here, before anything else looks at them: the rate
/// limiter, <c>OAuthRequestGuards</c>, OpenIddict, antiforgery and model binding then all get the buffered form.
/// What cannot be read as a UTF-8 form (a malformed multipart body, a Content-Type that does not parse, a charset such
/// as UTF-7 that .NET refuses) and any parameter holding U+0000 (which a PostgreSQL text value cannot hold) is a 400
/// here, in the documented body, rather than an exception in whichever component met it first.
/// SCIM and <c>/mfa</c> take JSON bodies and answer other content types themselves.
/// </summary>
public static class RequestParameters
{
    private const string UrlEncoded = "application/x-www-form-urlencoded";
    private const string Multipart = "multipart/form-data";

    public static WebApplication UseRequestParameters(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HoldsNul(request.Query))
            {
                await RefuseAsync(context, "A query parameter holds a NUL character.");
                return;
            }

            if (request.Path.StartsWithSegments(Routes.Scim) || request.Path.StartsWithSegments(Routes.Mfa) || !ClaimsToBeForm(request.ContentType))
            {
                await next(context);
                return;
            }

            if (FormContentTypeProblem(request.ContentType!) is { } problem)
            {
                await RefuseAsync(context, problem);
                return;
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException bad)
            {
                // Over the body size limit, or the connection broke off mid-body: Kestrel's own status.
                await ErrorWriter.WriteAsync(context, bad.StatusCode);
                return;
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException)
            {
                // The multipart reader reports a body that ends inside a section as IOException, and broken
                // boundaries and headers, like exceeded form limits (RequestLimits), as InvalidDataException.
                if (!context.RequestAborted.IsCancellationRequested)
                {
                    await RefuseAsync(context, "The form body is malformed or exceeds the form limits.");
                }

                return;
            }

            if (HoldsNul(form))
            {
                await RefuseAsync(context, "A form parameter holds a NUL character.");
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool HoldsNul(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        parameters.Any(p => p.Key.Contains('\0', StringComparison.Ordinal) || p.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));

    /// <summary>Whether the media type names a form, however badly the rest of the header is written.</summary>
    private static bool ClaimsToBeForm(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        return string.Equals(mediaType, UrlEncoded, StringComparison.OrdinalIgnoreCase) ||
               string.Equals(mediaType, Multipart, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// What the form readers would throw on, said as a client error. Forms are UTF-8: OAuth says so (RFC 6749
    /// Appendix B), and this server's pages send nothing else (the WHATWG URL standard gives the type no charset).
    /// </summary>
    private static string? FormContentTypeProblem(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return "The Content-Type header is malformed.";
        }

        var charset = parsed.Charset.Value?.Trim('"');
        return string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? null
            : "A form body is encoded as UTF-8; no other charset is accepted.";
    }

    private static Task RefuseAsync(HttpContext context, string description) =>
        context.Request.Path.StartsWithSegments(Routes.Scim)
            ? ScimResponses.Error(StatusCodes.Status400BadRequest, description, "invalidValue").ExecuteAsync(context)
            : ErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, description);
}
