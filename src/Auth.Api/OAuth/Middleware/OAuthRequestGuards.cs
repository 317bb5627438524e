using Auth.Api.Errors;
using Auth.Api.OAuth.Handlers.Authorization;
using Microsoft.Net.Http.Headers;

namespace Auth.Api.OAuth.Middleware;

/// <summary>
/// Checks OpenIddict does not make, applied before it sees the request: a method an OAuth endpoint does not take is
/// 405 with an Allow header (OpenIddict answers 400) and HEAD on discovery and the JWKS is served as GET, a userinfo
/// POST without a body is taken as an empty form, a parameter sent twice is refused (RFC 6749 §3.1), and
/// introspection and revocation take client credentials only in the Authorization header (client_secret_basic,
/// RFC 6749 §2.3.1; docs/api.md).
/// </summary>
public static class OAuthRequestGuards
{
    private const string BasicChallenge = "Basic realm=\"auth\", charset=\"UTF-8\"";

    private static readonly Accepted PostOnly = new([HttpMethods.Post], BackChannel: true);
    private static readonly Accepted Metadata = new([HttpMethods.Get], HeadAsGet: true);
    private static readonly Accepted GetAndPost = new([HttpMethods.Get, HttpMethods.Post]);

    // Every endpoint OpenIddict serves, with the methods it takes; OpenIddict answers any other method with 400.
    private static readonly (PathString Path, Accepted Accepted)[] Endpoints =
    [
        (Routes.Token, PostOnly),
        (Routes.PushedAuthorization, PostOnly),
        (Routes.DeviceAuthorization, PostOnly),
        (Routes.Introspect, PostOnly),
        (Routes.Revoke, PostOnly),
        (Routes.Discovery, Metadata),
        (Routes.DiscoveryWithUnderscore, Metadata),
        (Routes.Jwks, Metadata),
        (Routes.Authorize, GetAndPost),
        (Routes.UserInfo, GetAndPost),
        (Routes.Logout, GetAndPost),
    ];

    private static readonly PathString[] BasicOnlyEndpoints = [Routes.Introspect, Routes.Revoke];

    /// <summary>The methods the OAuth endpoint at <paramref name="path"/> takes; null when OpenIddict serves nothing there.</summary>
    public static IReadOnlyList<string>? MethodsOf(PathString path) => Find(path)?.Methods;

    public static WebApplication UseOAuthRequestGuards(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (Find(path) is not { } accepted)
            {
                await next(context);
                return;
            }

            var method = context.Request.Method;
            if (HttpMethods.IsHead(method) && accepted.HeadAsGet)
            {
                // RFC 9110 §9.3.2: HEAD is GET without the content. OpenIddict takes GET only; Kestrel, which knows
                // the request was HEAD, sends the headers and drops the body.
                context.Request.Method = HttpMethods.Get;
            }
            else if (!accepted.Methods.Any(m => HttpMethods.Equals(m, method)))
            {
                // RFC 9110 §15.5.6: 405 with the methods that are allowed.
                context.Response.Headers.Allow = accepted.Allow;
                await ErrorWriter.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorCodes.InvalidRequest,
                    $"This endpoint accepts {string.Join(" and ", accepted.Methods)} only.");
                return;
            }

            if (!accepted.BackChannel)
            {
                if (HttpMethods.IsPost(method) && path.Equals(Routes.UserInfo, StringComparison.OrdinalIgnoreCase) &&
                    context.Request.ContentType is null && context.Request.ContentLength is null or 0 && context.Request.Headers.TransferEncoding.Count == 0)
                {
                    // A userinfo POST with the token in the header and no body (OpenID Connect Core §5.3.1): OpenIddict
                    // wants a form's Content-Type even for no form, and there is nothing here to misread as one.
                    context.Request.ContentType = "application/x-www-form-urlencoded";
                }

                await next(context);
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

    /// <summary>
    /// What an endpoint takes: its methods, whether HEAD is its GET without content (the metadata documents), and
    /// whether it is a back-channel endpoint (a client's POSTed form alone), whose parameters are checked here too.
    /// </summary>
    private sealed record Accepted(string[] Methods, bool HeadAsGet = false, bool BackChannel = false)
    {
        public string Allow => HeadAsGet ? string.Join(", ", [.. Methods, HttpMethods.Head]) : string.Join(", ", Methods);
    }

    private static Accepted? Find(PathString path) =>
        Array.Find(Endpoints, e => path.Equals(e.Path, StringComparison.OrdinalIgnoreCase)).Accepted;

    private static Task RejectRepeatedAsync(HttpContext context, string parameter) =>
        ErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, RejectRepeatedParameters.Describe(parameter));
}
