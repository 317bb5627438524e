using Auth.Api.Federation;
using Auth.Api.SignIn;
using Auth.Application.Audit;
using Auth.Application.IdentityProviders;
using Auth.Application.Ports;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Pages.Federation;

/// <summary>
/// Starts a sign-in at an upstream provider: OpenIddict sends the browser there with PKCE (S256), state and nonce, and
/// the return URL (local only) travels inside the state. A provider that is unknown or unreachable shows the error page.
/// </summary>
public sealed class StartModel(ISender sender, OpenIddictClientService clients, ISecurityEvents events) : PageModel
{
    public FederationFailure Failure { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(
        string providerId, [FromQuery] string? returnUrl, [FromQuery(Name = "login_hint")] string? loginHint, [FromQuery] bool fresh, CancellationToken cancellationToken)
    {
        var provider = (await sender.Send(new ListSignInProviders(), cancellationToken)).FirstOrDefault(p => p.Id == providerId);
        if (provider is null || (await clients.GetClientRegistrationsAsync(cancellationToken)).All(r => r.RegistrationId != providerId))
        {
            // Unknown, disabled, or added a moment ago and not yet loaded on this node.
            return Fail(StatusCodes.Status404NotFound, FederationFailure.UnknownProvider, null);
        }

        try
        {
            await clients.GetServerConfigurationByRegistrationIdAsync(providerId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.FederatedSignIn, SecurityEventOutcomes.UpstreamError, Detail: $"{providerId} unreachable"));
            return Fail(StatusCodes.Status502BadGateway, FederationFailure.Unreachable, provider.DisplayName);
        }

        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = providerId,
            [OpenIddictClientAspNetCoreConstants.Properties.LoginHint] = string.IsNullOrWhiteSpace(loginHint) ? null : loginHint,
        })
        {
            RedirectUri = ReturnUrls.LocalOrHome(Url, returnUrl),
        };
        if (fresh)
        {
            // The client asked for a fresh authentication (prompt=login or max_age): so does the upstream.
            properties.SetParameter(Parameters.Prompt, PromptValues.Login);
        }

        var failure = new ChallengeFailure();
        HttpContext.Features.Set(failure);
        await HttpContext.ChallengeAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme, properties);
        if (failure.Error is null)
        {
            return new EmptyResult();
        }

        // OpenIddict's error and its id, never what the upstream said.
        var errorId = failure.ErrorUri?[(failure.ErrorUri.LastIndexOf('/') + 1)..];
        events.Record(new SecurityEvent(SecurityEventTypes.FederatedSignIn, SecurityEventOutcomes.UpstreamError,
            Detail: $"{providerId} {failure.Error}{(errorId is { Length: <= 16 } ? " " + errorId : string.Empty)}"));
        return Fail(StatusCodes.Status502BadGateway, FederationFailure.Unreachable, provider.DisplayName);
    }

    private PageResult Fail(int status, string message, string? providerName)
    {
        Failure = FederationFailure.Of(HttpContext, status, message, providerName);
        Response.StatusCode = status;
        return Page();
    }
}
