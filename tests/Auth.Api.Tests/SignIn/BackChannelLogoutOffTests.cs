using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>OAuth:BackChannelLogout=false: discovery says nothing of it, and a sign-out queues and sends nothing.</summary>
public sealed class BackChannelLogoutOffTests(StoreKind store) : UserFlowTest(store)
{
    private const string Callback = "https://rp.example/callback";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OAuth:BackChannelLogout"] = "false",
        ["OAuth:BackChannelLogoutPollInterval"] = "00:00:00.200",
    };

    [Test]
    public async Task Discovery_does_not_advertise_it_and_signing_out_sends_nothing()
    {
        await using var receiver = new LogoutReceiver().Start();
        var client = await RegisterCodeClientAsync("bcl-off-", Callback, d => d with { BackchannelLogoutUri = receiver.UriFor(d.ClientId) });

        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, client.Id, Callback, pkce, "openid", browser);
        var idToken = (await RedeemForTokensAsync(client, code, Callback, pkce.Verifier)).GetProperty("id_token").GetString()!;

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + idToken);
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        int queued;
        using (var scope = Server.Services.CreateScope())
        {
            queued = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().BackChannelLogoutNotices.CountAsync(n => n.ClientId == client.Id);
        }

        Assert.Multiple(() =>
        {
            Assert.That(discovery.RootElement.TryGetProperty("backchannel_logout_supported", out _), Is.False);
            Assert.That(discovery.RootElement.TryGetProperty("backchannel_logout_session_supported", out _), Is.False);
            Assert.That(queued, Is.Zero);
            Assert.That(receiver.Received, Is.Empty);
            Assert.That(receiver.Refused, Is.Zero);
        });
    }
}
