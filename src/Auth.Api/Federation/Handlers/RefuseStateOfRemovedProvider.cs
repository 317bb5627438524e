using OpenIddict.Abstractions;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace Auth.Api.Federation.Handlers;

/// <summary>
/// A callback whose state names a provider that was removed (or disabled) since the sign-in started: OpenIddict would
/// throw while looking its registration up, which is a 500; this refuses the request, and the error page says why.
/// </summary>
public sealed class RefuseStateOfRemovedProvider : IOpenIddictClientHandler<ProcessAuthenticationContext>
{
    public const string Description = "The identity provider of this sign-in is no longer configured.";

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var registrationId = context.StateTokenPrincipal?.GetClaim(Claims.Private.RegistrationId);
        if (registrationId is not null && !context.Options.Registrations.Any(r => string.Equals(r.RegistrationId, registrationId, StringComparison.Ordinal)))
        {
            context.Reject(error: OpenIddictConstants.Errors.InvalidRequest, description: Description);
        }

        return ValueTask.CompletedTask;
    }
}
