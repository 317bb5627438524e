using Auth.Api.Errors;
using Auth.Api.OAuth.DPoP;
using Auth.Api.Scim;

namespace Auth.Api.Authorization;

/// <summary>
/// The answer to a request one of the service's APIs refuses for its access token: the status, the API's error body
/// and, unless no other token would do, the Bearer challenge. <see cref="BearerApi"/> supplies the API's words.
/// </summary>
public sealed class BearerRefusal : IResult
{
    private readonly BearerApi _api;
    private readonly BearerChallenge? _challenge;

    private readonly string? _nonce;

    private BearerRefusal(BearerApi api, int status, string error, string description, BearerChallenge? challenge, string? nonce = null)
    {
        _api = api;
        _nonce = nonce;
        Status = status;
        Error = error;
        Description = description;
        _challenge = challenge;
    }

    public int Status { get; }

    public string Error { get; }

    public string Description { get; }

    /// <summary>
    /// 401 without a valid token; RFC 6750 §3.1 gives no error code to a request that presented none. A DPoP refusal
    /// (RFC 9449 §7.1, §9) names its own error, in a DPoP challenge unless a bound token came as Bearer.
    /// </summary>
    public static BearerRefusal NoValidToken(BearerApi api, HttpRequest request)
    {
        var dpop = DPoPProofCheck.UsesScheme(request);
        if (DPoPRefusal.Of(request.HttpContext) is { } refusal)
        {
            return new(api, StatusCodes.Status401Unauthorized, refusal.Error, refusal.Description,
                new BearerChallenge(refusal.Error, Description: refusal.Description) { Scheme = refusal.ChallengeScheme(request) }, refusal.Nonce);
        }

        return dpop || AuthorizationHeader.Uses(request, BearerChallenge.BearerScheme)
            ? new(api, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, api.InvalidToken,
                new BearerChallenge(ErrorCodes.InvalidToken) { Scheme = dpop ? DPoPProofCheck.Scheme : BearerChallenge.BearerScheme })
            : new(api, StatusCodes.Status401Unauthorized, ErrorCodes.InvalidToken, api.MissingToken, new BearerChallenge());
    }

    /// <summary>403: the token is valid but not for this API (RFC 6750 §3.1).</summary>
    public static BearerRefusal InsufficientScope(BearerApi api, string scope, string description) =>
        new(api, StatusCodes.Status403Forbidden, api.ScopeError, description, new BearerChallenge(ErrorCodes.InsufficientScope, scope));

    /// <summary>403 without a challenge: no other token of its holder would do.</summary>
    public static BearerRefusal AccessDenied(BearerApi api, string description) =>
        new(api, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, description, challenge: null);

    /// <summary>
    /// RFC 9470 §3: 401 with the max_age (Mfa:RecentSignInWindow) the client passes to the authorization endpoint to
    /// get a token recent enough.
    /// </summary>
    public static BearerRefusal InsufficientUserAuthentication(BearerApi api, string description) =>
        new(api, StatusCodes.Status401Unauthorized, ErrorCodes.InsufficientUserAuthentication, description,
            new BearerChallenge(ErrorCodes.InsufficientUserAuthentication, Description: description));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        if (_api.NoStore)
        {
            headers.CacheControl = "no-store";
        }

        if (_challenge is not null)
        {
            var challenge = Error == ErrorCodes.InsufficientUserAuthentication
                ? _challenge with { MaxAge = httpContext.RequestServices.GetRequiredService<RecentSignIn>().Window }
                : _challenge;
            headers.WWWAuthenticate = challenge.Format(_api.Realm);
        }

        if (_nonce is not null)
        {
            headers[DPoPProofCheck.NonceHeader] = _nonce;
        }

        return _api.ScimErrors
            ? ScimResponses.Error(Status, Description, error: Error).ExecuteAsync(httpContext)
            : OAuthErrorResults.Create(Status, Error, Description).ExecuteAsync(httpContext);
    }
}
