using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// RFC 6749 §3.1: request parameters must not be included more than once. A repeated state or redirect_uri in an
/// authorization or logout request is refused before the redirect URI is trusted, so the error is shown on this
/// server's page rather than sent anywhere. (The token, introspection and revocation endpoints are guarded by
/// <see cref="OAuthRequestGuards"/>.)
/// </summary>
public sealed class RejectRepeatedParameters
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    /// <summary>RFC 8707 resource may legitimately repeat.</summary>
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal) { Parameters.Resource, Parameters.Audience };

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    public ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    private static void Check(OpenIddictRequest request, BaseValidatingContext context)
    {
        foreach (var (name, value) in request.GetParameters())
        {
            if (!Repeatable.Contains(name) && ((StringValues)value).Count > 1)
            {
                context.Reject(OidcErrors.InvalidRequest, $"The '{(name.Length <= 40 ? name : name[..40])}' parameter must not be included more than once.");
                return;
            }
        }
    }
}
