using System.Security.Claims;
using Auth.Api.OAuth.DPoP;
using OpenIddict.Server;
using OpenIddict.Validation;
using ServerEvents = OpenIddict.Server.OpenIddictServerEvents;
using ValidationEvents = OpenIddict.Validation.OpenIddictValidationEvents;

namespace Auth.Api.OAuth.Handlers.DPoP;

/// <summary>
/// OpenIddict's own proof-of-possession check knows certificate-bound tokens only (cnf.x5t#S256, RFC 8705) and throws on
/// a cnf it does not know; a token bound to a DPoP key (cnf.jkt alone) is left to <see cref="DPoPProofCheck"/>, which
/// runs where such a token is used (the service's APIs and userinfo). Introspection reports the cnf as it is.
/// </summary>
public sealed class LeaveKeyBindingToDPoPChecks :
    IOpenIddictServerHandler<ServerEvents.ValidateTokenContext>, IOpenIddictValidationHandler<ValidationEvents.ValidateTokenContext>
{
    public ValueTask HandleAsync(ServerEvents.ValidateTokenContext context)
    {
        if (IsBoundToKeyOnly(context.Principal))
        {
            context.DisableProofOfPossessionValidation = true;
        }

        return default;
    }

    public ValueTask HandleAsync(ValidationEvents.ValidateTokenContext context)
    {
        if (IsBoundToKeyOnly(context.Principal))
        {
            context.DisableProofOfPossessionValidation = true;
        }

        return default;
    }

    private static bool IsBoundToKeyOnly(ClaimsPrincipal? principal) =>
        principal is not null && DPoPProofCheck.BoundThumbprint(principal, out var certificateBound) is not null && !certificateBound;
}
