using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.SignIn;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth.Registration;

/// <summary>
/// What the tests of a self-registered client's URIs share: a server where anyone may register
/// (ClientRegistration:Mode=Open) and back-channel logout notices are looked for every 200 ms, a registration sent as a
/// client sends it, and a user's session with the client.
/// </summary>
public abstract class SelfRegisteredClientTest(StoreKind store) : RequestObjectTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ClientRegistration:Mode"] = "Open",
        ["OAuth:BackChannelLogoutPollInterval"] = "00:00:00.200",
        ["OAuth:BackChannelLogoutTimeout"] = "00:00:02",
    };

    protected Task<HttpResponseMessage> RegisterAsync(IDictionary<string, object> metadata) =>
        Server.Client.PostAsync("/oauth/register", JsonContent.Create(metadata));

    /// <summary>Registers, asserts the 201, and gives the client's id and the metadata answered.</summary>
    protected async Task<(string ClientId, JsonElement Metadata)> RegisteredAsync(IDictionary<string, object> metadata)
    {
        using var registered = await RegisterAsync(metadata);
        var answered = await OAuthClient.ReadJsonAsync(registered);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), answered.ToString());
        return (answered.GetProperty("client_id").GetString()!, answered);
    }

    /// <summary>The user signs in to the client and allows it: the session is one the client took part in.</summary>
    protected async Task SignInAndConsentAsync(string clientId, string userName)
    {
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(clientId, TestSeed.WebAppCallback, Scope, Pkce.Create()), userName);
        using var allowed = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        Assert.That(CallbackParameters(allowed, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    /// <summary>The client's back-channel logout notices still in the outbox.</summary>
    protected async Task<List<Auth.Domain.Sessions.BackChannelLogoutNotice>> NoticesAsync(string clientId)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().BackChannelLogoutNotices.AsNoTracking()
            .Where(n => n.ClientId == clientId).ToListAsync();
    }

    /// <summary>A code-flow client's metadata with the given members added.</summary>
    protected static Dictionary<string, object> Metadata(params (string Name, object Value)[] members)
    {
        var metadata = new Dictionary<string, object>
        {
            ["client_name"] = "Self-registered",
            ["redirect_uris"] = new[] { TestSeed.WebAppCallback },
            ["grant_types"] = new[] { "authorization_code" },
            ["scope"] = Scope,
        };
        foreach (var (name, value) in members)
        {
            metadata[name] = value;
        }

        return metadata;
    }
}
