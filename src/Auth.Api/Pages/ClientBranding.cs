using Auth.Api.Hardening;
using Auth.Application.Clients;
using OpenIddict.Abstractions;

namespace Auth.Api.Pages;

/// <summary>
/// What the sign-in, consent and device pages show of the client a request comes from: its name, its logo, and links to its
/// home page, privacy policy and terms of service (OpenID Connect Dynamic Client Registration 1.0 §2, <see cref="ClientLinks"/>).
/// A page that shows a logo allows that one origin for images in its Content-Security-Policy; the user's browser
/// loads it (with no referrer), this server never does.
/// </summary>
/// <param name="DisplayName">The client's display name, if it has one.</param>
/// <param name="ClientId">The client's id, its name when it has no display name.</param>
public sealed record ClientBranding(string? DisplayName, string ClientId, string? LogoUri, string? PolicyUri, string? TosUri, string? ClientUri = null)
{
    public string Name => DisplayName ?? ClientId;

    /// <summary>
    /// Reads what the page shows of <paramref name="application"/> and lets the page's response load its logo: the pages'
    /// policy with the logo's origin added to img-src.
    /// </summary>
    public static async Task<ClientBranding> ReadForPageAsync(
        IOpenIddictApplicationManager applications, object application, HttpResponse response, CancellationToken cancellationToken)
    {
        var settings = await applications.GetSettingsAsync(application, cancellationToken);
        var branding = new ClientBranding(
            await applications.GetLocalizedDisplayNameAsync(application, cancellationToken),
            await applications.GetClientIdAsync(application, cancellationToken) ?? string.Empty,
            settings.GetValueOrDefault(ClientSettings.LogoUri),
            settings.GetValueOrDefault(ClientSettings.PolicyUri),
            settings.GetValueOrDefault(ClientSettings.TermsOfServiceUri),
            settings.GetValueOrDefault(ClientSettings.ClientUri));
        if (branding.LogoUri is not null && Uri.TryCreate(branding.LogoUri, UriKind.Absolute, out var logo))
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.ForPagesWithImagesFrom(logo);
        }

        return branding;
    }
}
