using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.OAuth.Handlers.UserInfo;

/// <summary>
/// RFC 9700 §4.3.2: no access token in the query string, where proxies, logs, browser history and Referer headers
/// keep it. OpenIddict reads a GET userinfo request's parameters, <c>access_token</c> included, from the query; this
/// drops that one, so such a request counts as having no token (401), unless the Authorization header carries one.
/// A form body (RFC 6750 §2.2) on a POST stays accepted: OpenID Connect Core §5.3.1 allows it, and it is neither
/// logged nor kept in history.
/// </summary>
public sealed class IgnoreAccessTokenInQueryString : IOpenIddictServerHandler<ExtractUserInfoRequestContext>
{
    public ValueTask HandleAsync(ExtractUserInfoRequestContext context)
    {
        if (context.Transaction.GetHttpRequest() is { } http && HttpMethods.IsGet(http.Method) && context.Request is { } request)
        {
            request.AccessToken = null;
        }

        return default;
    }
}
