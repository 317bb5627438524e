using Auth.Api.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Auth.Api;

/// <summary>Upper bounds on what a request may carry; larger requests get 413 or 400 before any work is done.</summary>
public static class RequestLimits
{
    /// <summary>The largest body of all: a SCIM resource or a group PATCH with many members.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>OAuth forms (token, introspection, revocation), the sign-in, consent and logout pages.</summary>
    public const long MaxFormBodyBytes = 64 * 1024;

    /// <summary>The MFA endpoints take a six-digit code or a recovery code.</summary>
    public const long MaxMfaBodyBytes = 4 * 1024;

    public const int MaxFormValues = 64;

    public const int MaxFormValueBytes = 16 * 1024;

    public static long MaxBodyBytesFor(PathString path) =>
        path.StartsWithSegments(Routes.Scim) ? MaxBodyBytes
        : path.StartsWithSegments(Routes.Mfa) ? MaxMfaBodyBytes
        : MaxFormBodyBytes;

    /// <summary>Each endpoint family gets the body limit it needs (Kestrel's server-wide limit is the largest of them).</summary>
    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var maximum = MaxBodyBytesFor(context.Request.Path);

            // A declared length over the limit is refused before anything reads the body (antiforgery and JSON
            // readers would otherwise report the truncated read as a malformed request).
            if (context.Request.ContentLength > maximum)
            {
                // The unread body leaves the connection unusable, so Kestrel closes it; saying so (RFC 9110 §15.5.14,
                // §9.6) keeps a keep-alive client from sending its next request on a connection about to close.
                context.Response.Headers.Connection = "close";
                await ErrorWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maximum;
            }

            await next(context);
        });
        return app;
    }
}
