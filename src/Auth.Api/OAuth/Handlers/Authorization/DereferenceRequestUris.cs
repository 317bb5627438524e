using Auth.Application.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.OAuth.Handlers.Authorization;

/// <summary>
/// Request objects passed by reference (OpenID Connect Core §6.2, RFC 9101 §5.2): an authorization request whose
/// <c>request_uri</c> is not a pushed request's (OpenIddict restores those later, from its own store) has the object
/// fetched (<see cref="RequestUriObjects"/>) into its <c>request</c> parameter, in place of the URI, for
/// <see cref="ExpandRequestObjects"/> to read as if passed by value. Only when the URI is one of the
/// <c>request_uris</c> registered for the request's own <c>client_id</c>, its fragment aside
/// (<see cref="RequestUriReference"/>); an unknown client or an unregistered URI is <c>invalid_request_uri</c> and
/// nothing is fetched, and so is a URI that serves no object. A client that registered itself has its URIs fetched only
/// from where the <see cref="OutboundAddressGuard"/> permits. The pushed endpoint takes no <c>request_uri</c> (RFC 9126
/// §2.1; OpenIddict refuses it), so this runs at the authorization endpoint alone.
/// </summary>
public sealed class DereferenceRequestUris(IOpenIddictApplicationManager applications, RequestUriObjects requestUriObjects)
    : IOpenIddictServerHandler<ExtractAuthorizationRequestContext>
{
    public async ValueTask HandleAsync(ExtractAuthorizationRequestContext context)
    {
        if (context.Request is not { RequestUri: { Length: > 0 } requestUri } request ||
            requestUri.StartsWith(RequestUris.Prefixes.Generic, StringComparison.Ordinal) ||
            request.HasParameter(Parameters.Request))
        {
            // Nothing to fetch: no URI, a pushed request's, or one beside a request object (ExpandRequestObjects refuses
            // the pair; RejectRepeatedParameters refuses a repeated request_uri or request).
            return;
        }

        // RFC 9101 §5: the client_id is in the request itself, so the URI is checked against that client's registration first.
        if (string.IsNullOrEmpty(request.ClientId))
        {
            context.Reject(OidcErrors.InvalidRequest, "A request_uri comes with the request's client_id.");
            return;
        }

        var application = await applications.FindByClientIdAsync(request.ClientId, context.CancellationToken);
        var registered = application is null
            ? []
            : ClientSettings.ListOf((await applications.GetSettingsAsync(application, context.CancellationToken)).GetValueOrDefault(ClientSettings.RequestUris));
        if (RequestUriReference.Registered(registered, requestUri) is not { } fetched)
        {
            context.Reject(OidcErrors.InvalidRequestUri, "The request_uri is not one of the client's registered request_uris.");
            return;
        }

        var selfRegistered = await applications.IsSelfRegisteredAsync(application!, context.CancellationToken);
        if (await requestUriObjects.FetchAsync(request.ClientId, fetched, selfRegistered, context.CancellationToken) is not { } requestObject)
        {
            context.Reject(OidcErrors.InvalidRequestUri, "The request_uri did not serve a request object.");
            return;
        }

        request.RequestUri = null;
        request.Request = requestObject;
    }
}
