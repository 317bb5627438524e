using Auth.Api.Errors;
using Auth.Api.OAuth.Handlers.Authorization;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.OAuth.Middleware;

/// <summary>
/// Checks OpenIddict does not make, applied before it sees the request: a method an OAuth endpoint does not take is
/// 405 with an Allow header (OpenIddict answers 400), a parameter sent twice is refused (RFC 6749 §3.1), and
/// introspection and revocation take client credentials only in the Authorization header (client_secret_basic,
/// RFC 6749 §2.3.1; docs/api.md).
/// </summary>
public static class OAuthRequestGuards
{
    private const string BasicChallenge = "Basic realm=\"auth\", charset=\"UTF-8\"";

    private static readonly PathString[] ProtocolEndpoints = [Routes.Token, Routes.PushedAuthorization, Routes.DeviceAuthorization, Routes.Introspect, Routes.Revoke];
    private static readonly PathString[] BasicOnlyEndpoints = [Routes.Introspect, Routes.Revoke];

    // The endpoints OpenIddict serves that take more than POST, with the methods each takes.
    private static readonly (PathString Path, string Allow)[] OtherEndpoints =
    [
        (Routes.Discovery, HttpMethods.Get),
        (Routes.Jwks, HttpMethods.Get),
        (Routes.Authorize, $"{HttpMethods.Get}, {HttpMethods.Post}"),
        (Routes.UserInfo, $"{HttpMethods.Get}, {HttpMethods.Post}"),
        (Routes.Logout, $"{HttpMethods.Get}, {HttpMethods.Post}"),
    ];

    public static WebApplication UseOAuthRequestGuards(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!ProtocolEndpoints.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            {
                if (Array.FindIndex(OtherEndpoints, e => path.Equals(e.Path, StringComparison.OrdinalIgnoreCase)) is var index and >= 0 &&
                    !Takes(OtherEndpoints[index].Allow, context.Request.Method))
                {
                    context.Response.Headers.Allow = OtherEndpoints[index].Allow;
                    await ErrorWriter.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorCodes.InvalidRequest,
                        $"This endpoint accepts {OtherEndpoints[index].Allow.Replace(", ", " and ", StringComparison.Ordinal)} only.");
                    return;
                }

                await next(context);
                return;
            }

            // OpenIddict answers other methods with 400; RFC 9110 §15.5.6 says 405 with the methods that are allowed.
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.Headers.Allow = HttpMethods.Post;
                await ErrorWriter.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorCodes.InvalidRequest,
                    "This endpoint accepts POST only.");
                return;
            }

            // The rule is RejectRepeatedParameters' (which says why it is applied here too): query and form, before OpenIddict.
            if (RejectRepeatedParameters.FindRepeated(context.Request.Query.Select(p => (p.Key, p.Value.Count))) is { } repeatedInQuery)
            {
                await RejectRepeatedAsync(context, repeatedInQuery);
                return;
            }

            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                if (RejectRepeatedParameters.FindRepeated(form.Select(p => (p.Key, p.Value.Count))) is { } repeatedInBody)
                {
                    await RejectRepeatedAsync(context, repeatedInBody);
                    return;
                }
            }

            if (BasicOnlyEndpoints.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) &&
                !context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 6749 §5.2: a 401 for client authentication carries a WWW-Authenticate challenge.
                context.Response.Headers[HeaderNames.WWWAuthenticate] = BasicChallenge;
                await ErrorWriter.WriteAsync(
                    context,
                    StatusCodes.Status401Unauthorized,
                    ErrorCodes.InvalidClient,
                    "Client authentication with HTTP Basic credentials is required at this endpoint.");
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool Takes(string allow, string method) =>
        HttpMethods.IsGet(method) || (HttpMethods.IsPost(method) && allow.Contains(HttpMethods.Post, StringComparison.Ordinal));

    private static Task RejectRepeatedAsync(HttpContext context, string parameter) =>
        ErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, RejectRepeatedParameters.Describe(parameter));
}
