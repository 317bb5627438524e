using Auth.Application.Admin;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// The admin API's scopes are a client's own (client_credentials), never a signed-in user's: consenting to an app does
/// not make a person an administrator. A client cannot be registered with them beside a user grant (the client
/// definition's rule), and a client stored with them before that rule still cannot ask for them here: invalid_scope,
/// sent back to the client's verified redirect URI. The admin API refuses a user's token as well (ClientTokenRequirement).
/// </summary>
public sealed class KeepAdminScopesToClients
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
        if (request.GetScopes().Any(AdminScopes.Names.Contains))
        {
            context.Reject(OidcErrors.InvalidScope, "The admin API's scopes are granted to a client's own token (client_credentials), not in an authorization request.");
        }
    }
}
