using Auth.Application.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// RFC 9101 §10.5 <c>require_signed_request_object</c>: a client registered with it sends every authorization request
/// as a request object it signed (<see cref="ExpandRequestObjects"/> checked the signature, and dropped whatever the URL
/// said beside it), to the authorization endpoint or pushed first; a plain request is <c>invalid_request</c>, sent back
/// to the verified redirect URI. A request naming a pushed request's <c>request_uri</c> was checked when it was pushed.
/// </summary>
public sealed class RequireSignedRequestObjects(IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidatePushedAuthorizationRequestContext>
{
    public const string Description = "This client sends its authorization requests as request objects it signs (its require_signed_request_object).";

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context) =>
        string.IsNullOrEmpty(context.Request.RequestUri) ? CheckAsync(context, context.ClientId) : default;

    public ValueTask HandleAsync(ValidatePushedAuthorizationRequestContext context) => CheckAsync(context, context.ClientId);

    private async ValueTask CheckAsync(BaseValidatingContext context, string? clientId)
    {
        if (SignedRequest.Of(context.Transaction) is not null || string.IsNullOrEmpty(clientId) ||
            await applications.FindByClientIdAsync(clientId, context.CancellationToken) is not { } application)
        {
            return;
        }

        if ((await applications.GetSettingsAsync(application, context.CancellationToken)).TryGetValue(ClientSettings.RequireSignedRequestObject, out var required) &&
            required == "true")
        {
            context.Reject(OidcErrors.InvalidRequest, Description);
        }
    }
}
