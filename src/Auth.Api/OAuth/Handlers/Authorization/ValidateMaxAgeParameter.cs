using System.Globalization;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;
using Parameters = OpenIddict.Abstractions.OpenIddictConstants.Parameters;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// OpenID Connect Core §3.1.2.1: max_age is a number of seconds, zero or more. Anything else makes the request invalid
/// instead of being read as "no max_age".
/// </summary>
public sealed class ValidateMaxAgeParameter : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var raw = (string?)context.Request.GetParameter(Parameters.MaxAge);
        if (raw is not null && !long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            context.Reject(OidcErrors.InvalidRequest, "The max_age parameter must be a whole number of seconds, zero or more.");
        }

        return default;
    }
}
