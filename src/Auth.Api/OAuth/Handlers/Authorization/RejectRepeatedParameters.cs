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
/// server's page rather than sent anywhere.
/// </summary>
/// <remarks>
/// The rule itself (which parameters may repeat, what the error says) lives here and nowhere else. This class keeps it
/// rather than <c>OAuthRequestGuards</c> because it is named after the rule and holds nothing else; the guards are a
/// middleware of several pre-OpenIddict checks that borrows it. Both must enforce it, as the endpoints answer
/// differently: the authorization and end-session endpoints show their errors on this server's page, through
/// OpenIddict, so the check runs inside OpenIddict; the token, introspection and revocation endpoints answer JSON
/// before OpenIddict sees the request, so a repeated parameter in the query string (which OpenIddict does not read on
/// a POST) counts too, and the refusal comes before the Basic-only check and is not counted as an OpenIddict answer.
/// </remarks>
public sealed class RejectRepeatedParameters
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    /// <summary>RFC 8707 resource and RFC 8693 audience may legitimately repeat.</summary>
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal) { Parameters.Resource, Parameters.Audience };

    /// <summary>The first parameter sent more than once that may not repeat, or null.</summary>
    public static string? FindRepeated(IEnumerable<(string Name, int Count)> parameters) =>
        parameters.FirstOrDefault(p => p.Count > 1 && !Repeatable.Contains(p.Name)).Name;

    /// <summary>The error description for a repeated parameter; a long name is cut to 40 characters.</summary>
    public static string Describe(string parameter) =>
        $"The '{(parameter.Length <= 40 ? parameter : parameter[..40])}' parameter must not be included more than once.";

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
        if (FindRepeated(request.GetParameters().Select(p => (p.Key, ((StringValues)p.Value).Count))) is { } repeated)
        {
            context.Reject(OidcErrors.InvalidRequest, Describe(repeated));
        }
    }
}
