using Auth.Api.Errors;
using Auth.Application.Ports;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.OAuth.Middleware;

/// <summary>
/// CORS (the Fetch standard's protocol) for the endpoints a browser app calls itself — token, userinfo, revocation,
/// discovery and the JWKS —, from the origins clients list (<see cref="IAllowedCorsOrigins"/>): a preflight from such an
/// origin is answered 204 with what the endpoint takes, one from any other 403 without CORS headers; an answer to such
/// an origin names it in <c>Access-Control-Allow-Origin</c>, any other answer names none, so the browser keeps it from
/// the page. Never with credentials (these endpoints take no cookie) and never a wildcard. Every answer of these
/// endpoints varies by <c>Origin</c>. Runs before the parameter checks and the rate limits, so a browser app can read
/// their refusals too; the headers are set as the answer starts, so an answer the error handler rewrote keeps them.
/// While the store cannot be read (and the node holds no current set), no origin is taken and a preflight is 503.
/// </summary>
public static class CrossOriginRequests
{
    /// <summary>The request headers a browser app sends: a bearer token or DPoP proof, and the form's content type.</summary>
    public const string AllowedHeaders = "Authorization, Content-Type, DPoP";

    /// <summary>The answer headers a browser app reads: a bearer or DPoP challenge, a DPoP nonce, a rate limit's wait.</summary>
    public const string ExposedHeaders = "WWW-Authenticate, DPoP-Nonce, Retry-After";

    /// <summary>How long a browser may keep a preflight's answer (Chromium keeps it at most two hours).</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    // The endpoints a browser app calls itself; each takes the methods OAuthRequestGuards' table says.
    private static readonly PathString[] BrowserEndpoints =
        [Routes.Token, Routes.Revoke, Routes.UserInfo, Routes.Discovery, Routes.DiscoveryWithUnderscore, Routes.Jwks];

    public static WebApplication UseCrossOriginRequests(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!BrowserEndpoints.Any(e => path.Equals(e, StringComparison.OrdinalIgnoreCase)) || OAuthRequestGuards.MethodsOf(path) is not { } methods)
            {
                await next(context);
                return;
            }

            var request = context.Request;
            var response = context.Response;
            var origin = request.Headers.Origin;
            var listed = origin.Count == 1 && !string.IsNullOrEmpty(origin[0]) ? await ListedAsync(context, origin[0]!) : false;
            var allowed = listed == true;

            // A preflight asks whether the real request may be sent; one without Origin or the method is no preflight,
            // so an OPTIONS like that is the guards' 405 as any method the endpoint refuses.
            var preflight = HttpMethods.IsOptions(request.Method) && origin.Count > 0 && request.Headers.AccessControlRequestMethod.Count > 0;
            var method = request.Headers.AccessControlRequestMethod.ToString();
            if (preflight && !methods.Any(m => HttpMethods.Equals(m, method)))
            {
                allowed = false;
            }

            // Set when the answer starts, so an answer the error handler rewrote keeps them.
            response.OnStarting(() =>
            {
                response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
                if (allowed)
                {
                    response.Headers.AccessControlAllowOrigin = origin;
                    if (!preflight)
                    {
                        response.Headers.AccessControlExposeHeaders = ExposedHeaders;
                    }
                }

                return Task.CompletedTask;
            });

            if (!preflight)
            {
                await next(context);
                return;
            }

            if (listed is null)
            {
                await ErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.TemporarilyUnavailable,
                    "The allowed origins cannot be read now; try again shortly.");
                return;
            }

            if (!allowed)
            {
                await ErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied,
                    "No client lists this origin for cross-origin calls to this endpoint with this method.");
                return;
            }

            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.AccessControlAllowMethods = string.Join(", ", methods);
            response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            response.Headers.AccessControlMaxAge = ((int)PreflightMaxAge.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        return app;
    }

    /// <summary>
    /// Whether a client lists the origin; null while the store cannot say: the request is answered without CORS
    /// (discovery and the JWKS still answer), a preflight with 503.
    /// </summary>
    private static async Task<bool?> ListedAsync(HttpContext context, string origin)
    {
        try
        {
            return await context.RequestServices.GetRequiredService<IAllowedCorsOrigins>().AllowsAsync(origin, context.RequestAborted);
        }
        catch (Exception exception) when (StoreOutage.Caused(exception))
        {
            return null;
        }
    }
}
