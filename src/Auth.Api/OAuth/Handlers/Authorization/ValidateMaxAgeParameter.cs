using System.Globalization;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;
using Parameters = OpenIddict.Abstractions.OpenIddictConstants.Parameters;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// OpenID Connect Core §3.1.2.1: max_age is a number of seconds, zero or more. Anything else makes the request invalid
/// instead of being read as "no max_age".
/// </summary>
public sealed class ValidateMaxAgeParameter
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidatePushedAuthorizationRequestContext>
{
    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    /// <summary>RFC 9126 §2.1: a pushed request is checked as an authorization request is, before it is stored.</summary>
    public ValueTask HandleAsync(ValidatePushedAuthorizationRequestContext context)
    {
        Check(context.Request, context);
        return default;
    }

    private static void Check(OpenIddictRequest request, BaseValidatingContext context)
    {
        var raw = (string?)request.GetParameter(Parameters.MaxAge);
        if (raw is not null && !long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            context.Reject(OidcErrors.InvalidRequest, "The max_age parameter must be a whole number of seconds, zero or more.");
        }
    }
}
