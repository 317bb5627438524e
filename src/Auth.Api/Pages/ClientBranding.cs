using Auth.Api.Hardening;
using Auth.Application.Clients;
using OpenIddict.Abstractions;

namespace Auth.Api.Pages;

/// <summary>
/// What the sign-in and consent pages show of the client a request comes from: its name, its logo, and links to its
/// privacy policy and terms of service (OpenID Connect Dynamic Client Registration 1.0 §2, <see cref="ClientLinks"/>).
/// A page that shows a logo allows that one origin for images in its Content-Security-Policy; the user's browser
/// loads it (with no referrer), this server never does.
/// </summary>
/// <param name="DisplayName">The client's display name, if it has one.</param>
/// <param name="ClientId">The client's id, its name when it has no display name.</param>
public sealed record ClientBranding(string? DisplayName, string ClientId, string? LogoUri, string? PolicyUri, string? TosUri)
{
    public string Name => DisplayName ?? ClientId;

    public static async Task<ClientBranding> ReadAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken)
    {
        var settings = await applications.GetSettingsAsync(application, cancellationToken);
        return new ClientBranding(
            await applications.GetLocalizedDisplayNameAsync(application, cancellationToken),
            await applications.GetClientIdAsync(application, cancellationToken) ?? string.Empty,
            settings.GetValueOrDefault(ClientSettings.LogoUri),
            settings.GetValueOrDefault(ClientSettings.PolicyUri),
            settings.GetValueOrDefault(ClientSettings.TermsOfServiceUri));
    }

    /// <summary>Lets the page's response load the logo: the pages' policy with the logo's origin added to img-src.</summary>
    public void AllowLogoIn(HttpResponse response)
    {
        if (LogoUri is not null && Uri.TryCreate(LogoUri, UriKind.Absolute, out var logo))
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.ForPagesWithImagesFrom(logo);
        }
    }
}
