using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>OAuth:FrontChannelLogout=false: discovery says nothing of it, and a sign-out is the redirect alone.</summary>
public sealed class FrontChannelLogoutOffTests(StoreKind store) : UserFlowTest(store)
{
    private const string Callback = "https://rp.example/callback";
    private const string PostLogout = "https://rp.example/signed-out";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:FrontChannelLogout"] = "false" };

    [Test]
    public async Task Discovery_does_not_advertise_it_and_signing_out_redirects_without_loading_the_clients_pages()
    {
        var client = await RegisterCodeClientAsync("fcl-off-", Callback, d => d with
        {
            PostLogoutRedirectUris = [PostLogout],
            FrontchannelLogoutUri = "https://rp.example/frontchannel",
        });

        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var signedIn = await SignInToClientAsync(browser, client, Callback, user);

        using var logout = await browser.GetAsync($"/oauth/logout?id_token_hint={signedIn.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString(PostLogout)}&state=s1");
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));

        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.TryGetProperty("frontchannel_logout_supported", out _), Is.False);
            Assert.That(discovery.RootElement.TryGetProperty("frontchannel_logout_session_supported", out _), Is.False);
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(logout.Headers.Location?.AbsoluteUri, Is.EqualTo(PostLogout + "?state=s1"));
        });
    }
}
