using System.Collections.Immutable;
using Auth.Api.OAuth;
using Auth.Api.OAuth.Handlers.Authorization;
using Auth.Api.SignIn;
using Auth.Application.Clients;
using Auth.Application.Consent;
using Auth.Application.Mfa;
using Auth.Application.Sessions;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Auth.Api.Pages.OAuth;

/// <summary>
/// The pass-through part of <c>/oauth/authorize</c>. OpenIddict has already checked the client, the exact redirect
/// URI, the response type, the scopes and PKCE; this decides who the user is (sending them to sign in when needed),
/// whether they consented, and what the tokens say. Errors that cannot be sent back to a verified redirect URI are
/// shown here as a page with status 400 (RFC 6749 §4.1.2.1: never redirect to an unverified URI).
/// </summary>
[IgnoreAntiforgeryToken] // OpenID Connect Core §3.1.2.1 lets clients POST authorization requests; consent answers are checked below.
public sealed class AuthorizeModel(
    ISender sender,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopeManager,
    IAntiforgery antiforgery,
    IOptions<OAuthOptions> options,
    TimeProvider clock) : ProtocolPageModel
{
    public const string ConsentField = "consent";
    public const string Accept = "accept";
    public const string Deny = "deny";

    /// <summary>OpenID Connect Core Error Code unmet_authentication_requirements 1.0 §2: an essential acr cannot be met.</summary>
    private const string UnmetAuthenticationRequirements = "unmet_authentication_requirements";

    // The prompt values that ask for a sign-in (OpenID Connect Core §3.1.2.1); select_account too, as in Keycloak:
    // there is no account chooser, and the sign-in page is where the user names the account. The return URL drops them.
    private static readonly string[] SignInPrompts = [PromptValues.Login, PromptValues.SelectAccount];

    public ClientBranding Client { get; private set; } = new(null, string.Empty, null, null, null);

    public IReadOnlyList<string> ScopeDescriptions { get; private set; } = [];

    /// <summary>The authorization request, carried through the consent form.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequestParameters { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => AuthorizeAsync(consent: null, cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = ConsentField)] string? consent, CancellationToken cancellationToken)
    {
        if (consent is not null && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return ShowError(OidcErrors.InvalidRequest, "The consent form has expired or did not come from this site. Start again from the application.");
        }

        return await AuthorizeAsync(consent, cancellationToken);
    }

    private async Task<IActionResult> AuthorizeAsync(string? consent, CancellationToken cancellationToken)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: { Length: > 0 } error } failure)
        {
            // RFC 9101 §6.2 names the error of a request_uri that is unknown, expired or spent (OpenIddict says invalid_token).
            return error == OidcErrors.InvalidToken && HttpContext.GetOpenIddictServerRequest()?.RequestUri is { Length: > 0 }
                ? ShowError(OidcErrors.InvalidRequestUri, "The request_uri is unknown, has expired or has been used already: push the authorization request again.")
                : ShowError(error, failure.ErrorDescription);
        }

        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        ClaimsRequest.TryRead(request, out var claimsRequest);

        // OpenID Connect Core §3.1.2.1: max_age=0 asks for a fresh authentication, as prompt=login does.
        var session = await SessionCookie.CurrentAsync(HttpContext);
        var authenticatedAt = session is null ? null : SessionPrincipal.AuthenticatedAt(session);
        // A pushed request keeps its prompt=login and max_age through the sign-in round trip: a sign-in after the push meets both.
        var signedInSincePushed = SignedInSincePushed(authenticatedAt);
        // A signed request object comes back as it is: a sign-in after it was issued (its iat) meets them too.
        var signedInSinceSigned = authenticatedAt is { } at && SignedRequest.Of(Transaction)?.IssuedAt is { } issued && at > issued;
        var freshSignInAsked = (SignInPrompts.Any(request.HasPromptValue) || request.MaxAge == 0) &&
            !signedInSincePushed && !signedInSinceSigned;
        // OpenID Connect Core §3.1.2.1 id_token_hint, §5.5.1 a sub with a value: a positive answer only for that user.
        var (hinted, hintedUser) = await IdTokenHint.ReadAsync(HttpContext, request);
        if (hinted && hintedUser is null)
        {
            return Refuse(OidcErrors.InvalidRequest, "The id_token_hint is not an ID token this server issued to this client.");
        }

        if (hintedUser is not null && claimsRequest.Subject is not null && hintedUser != claimsRequest.Subject)
        {
            return Refuse(OidcErrors.InvalidRequest, "The id_token_hint and the claims request name different users.");
        }

        var requiredUser = hintedUser ?? claimsRequest.Subject;
        var sessionUser = session is null ? null : SessionPrincipal.UserId(session);
        var sessionUsable = session is not null && !freshSignInAsked && (signedInSincePushed || signedInSinceSigned || IsFreshEnough(request, authenticatedAt));
        if (sessionUsable && requiredUser is not null && requiredUser != sessionUser)
        {
            // §3.1.2.1: "otherwise ... an error, such as login_required". Not the sign-in page again: after a sign-in as
            // someone else, or an upstream provider signing its own user in again, it would ask forever. A client
            // that wants another user asks with prompt=login.
            return Refuse(OidcErrors.LoginRequired, "The user signed in is not the user the request names.");
        }

        var user = sessionUsable ? await sender.Send(new GetUserProfile(sessionUser!), cancellationToken) : null;
        if (user is not { IsActive: true })
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(OidcErrors.LoginRequired, "The user is not signed in.");
            }

            // idp_hint (docs: like Keycloak's kc_idp_hint) names the provider to sign in at, skipping the login page.
            return await HintedProviderAsync(request, cancellationToken) is { } provider
                ? LocalRedirect(Auth.Api.Federation.SignInStart.Path(provider, ReturnUrl(request), request.GetParameter(Parameters.LoginHint)?.ToString(),
                    fresh: freshSignInAsked || request.MaxAge is not null))
                : Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl(request) }, SessionCookie.Scheme);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict accepted a client that cannot be found.");
        if (AuthenticationLevels.CannotMeet(claimsRequest))
        {
            return Refuse(UnmetAuthenticationRequirements, "None of the essential acr values can be met by this server.");
        }

        var methods = SessionPrincipal.Methods(session!);
        if (!AuthenticationLevels.IsMultiFactor(methods) &&
            (await SecondFactorStep.RequiredByAsync(applications, application, cancellationToken) || AuthenticationLevels.RequireSecondFactor(request, claimsRequest)))
        {
            return request.HasPromptValue(PromptValues.None)
                ? Refuse(OidcErrors.InteractionRequired, "A second factor is required.")
                : LocalRedirect(await SecondFactorStep.StartAsync(HttpContext, sender, user, session!, ReturnUrl(request), cancellationToken));
        }

        var scopes = request.GetScopes();
        var consentType = await applications.GetConsentTypeAsync(application, cancellationToken);
        if (consentType != ConsentTypes.Implicit && !await HasConsentedAsync(user.Id, request, scopes, cancellationToken))
        {
            switch (consent)
            {
                case Accept:
                    await sender.Send(new RecordConsent(user.Id, request.ClientId!, scopes), cancellationToken);
                    break;
                case Deny:
                    return Refuse(OidcErrors.AccessDenied, "The user did not allow the application this access.");
                default:
                    return request.HasPromptValue(PromptValues.None)
                        ? Refuse(OidcErrors.ConsentRequired, "The user has not allowed the application this access.")
                        : await ShowConsentAsync(application, request, scopes, cancellationToken);
            }
        }

        var sessionId = SessionPrincipal.SessionId(session!)!;
        await sender.Send(new RecordSessionClient(sessionId, request.ClientId!), cancellationToken);
        var released = await ReleasableAsync(claimsRequest, application, consentType, scopes, cancellationToken);
        var memberships = await DirectoryClaims.ReadAsync(
            sender, applications, options.Value, user.Id, request.ClientId!, scopes.Contains(StandardScopes.Groups), cancellationToken);
        var identity = UserIdentity.Create(user, scopes, new SignInFacts(methods, authenticatedAt, sessionId, SessionPrincipal.IdentityProvider(session!), released), memberships);
        identity.SetResources(await scopeManager.ListResourcesAsync(scopes, cancellationToken).ToListAsync(cancellationToken));
        return SignIn(new System.Security.Claims.ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<string?> HintedProviderAsync(OpenIddictRequest request, CancellationToken cancellationToken) =>
        request.GetParameter(Auth.Api.Federation.SignInStart.IdpHint)?.ToString() is { Length: > 0 } hint &&
        (await sender.Send(new Auth.Application.IdentityProviders.ListSignInProviders(), cancellationToken)).Any(p => p.Id == hint)
            ? hint
            : null;

    /// <summary>
    /// The claims asked for one by one that may be released: those whose scope the client is allowed, and, when the
    /// user consents to the client, whose scope the request names (so the consent page has shown it).
    /// </summary>
    private async Task<ClaimsRequest> ReleasableAsync(
        ClaimsRequest claims, object application, string? consentType, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in new[] { Scopes.Profile, Scopes.Email })
        {
            if (await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, cancellationToken) &&
                (consentType == ConsentTypes.Implicit || scopes.Contains(scope)))
            {
                allowed.Add(scope);
            }
        }

        return claims.LimitTo(allowed.Contains);
    }

    /// <summary>OpenID Connect Core §3.1.2.1 max_age: the session must be at most this old, else the user signs in again.</summary>
    private bool IsFreshEnough(OpenIddictRequest request, DateTimeOffset? authenticatedAt) =>
        request.MaxAge is not { } maxAge ||
        (authenticatedAt is { } at && (clock.GetUtcNow() - at).TotalSeconds <= maxAge);

    /// <summary>OpenID Connect Core §3.1.2.1: prompt=consent asks again even when the user has consented before.</summary>
    private async Task<bool> HasConsentedAsync(string userId, OpenIddictRequest request, ImmutableArray<string> scopes, CancellationToken cancellationToken) =>
        !request.HasPromptValue(PromptValues.Consent) &&
        await sender.Send(new HasConsented(userId, request.ClientId!, scopes), cancellationToken);

    private async Task<IActionResult> ShowConsentAsync(object application, OpenIddictRequest request, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        Client = await ClientBranding.ReadForPageAsync(applications, application, Response, cancellationToken);
        ScopeDescriptions = await Pages.ScopeDescriptions.DescribeAllAsync(scopeManager, scopes, cancellationToken);
        RequestParameters = SignedRequest.Of(Transaction) is { } signed
            ? [new(Parameters.ClientId, request.ClientId!), new(Parameters.Request, signed.RequestObject)]
            : ProtocolForm.Fields(request, ConsentField).ToList();
        return Page();
    }

    /// <summary>An error OpenIddict sends back to the client's verified redirect URI with the request's state.</summary>
    private ForbidResult Refuse(string error, string description) =>
        Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>
    /// A pushed request (RFC 9126) comes back from the sign-in unchanged, its parameters being the server's, not the
    /// URL's: a sign-in made after it was pushed is the fresh one its prompt=login or max_age=0 asked for.
    /// </summary>
    private bool SignedInSincePushed(DateTimeOffset? authenticatedAt) =>
        authenticatedAt is { } at &&
        StampPushedRequestTime.PushedAt(Transaction?
            .GetProperty<OpenIddictServerEvents.ProcessAuthenticationContext>(typeof(OpenIddictServerEvents.ProcessAuthenticationContext).FullName!)?
            .RequestTokenPrincipal) is { } pushedAt &&
        at > pushedAt;

    /// <summary>
    /// Where the sign-in page sends the user back: this request as a GET, without prompt=login, prompt=select_account
    /// and max_age (which
    /// the sign-in has just satisfied, and which would otherwise ask again forever). A pushed request goes back as its
    /// client_id and request_uri alone: what was pushed stays off the URL (RFC 9126 §1). A request that came as a signed
    /// request object goes back as its client_id and the object (<see cref="SignedRequest"/>).
    /// </summary>
    private OpenIddictServerTransaction? Transaction => HttpContext.Features.Get<OpenIddictServerAspNetCoreFeature>()?.Transaction;

    private string ReturnUrl(OpenIddictRequest request)
    {
        if (SignedRequest.Of(Transaction) is { } signed)
        {
            return QueryHelpers.AddQueryString(Request.PathBase + Request.Path, new Dictionary<string, string?>
            {
                [Parameters.ClientId] = request.ClientId,
                [Parameters.Request] = signed.RequestObject,
            });
        }

        if (request.RequestUri is { Length: > 0 } requestUri)
        {
            return QueryHelpers.AddQueryString(Request.PathBase + Request.Path, new Dictionary<string, string?>
            {
                [Parameters.ClientId] = request.ClientId,
                [Parameters.RequestUri] = requestUri,
            });
        }

        var parameters = ProtocolForm.Fields(request, ConsentField).Where(p => p.Key != Parameters.MaxAge).Select(p => p.Key == Parameters.Prompt
            ? new KeyValuePair<string, string>(p.Key, string.Join(' ', p.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(v => !SignInPrompts.Contains(v, StringComparer.Ordinal))))
            : p).Where(p => p.Value.Length > 0);
        return QueryHelpers.AddQueryString(Request.PathBase + Request.Path, parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
    }
}
