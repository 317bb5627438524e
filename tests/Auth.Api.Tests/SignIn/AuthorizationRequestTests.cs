using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>What an authorization request may ask for, and what comes back when it asks for something else.</summary>
public sealed class AuthorizationRequestTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task An_unknown_scope_is_invalid_scope_sent_back_with_the_state()
    {
        using var browser = NewBrowser();
        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, "openid no-such-scope", Pkce.Create()));

        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        Assert.Multiple(() =>
        {
            Assert.That(parameters["error"], Is.EqualTo("invalid_scope"));
            Assert.That(parameters["state"], Is.EqualTo("state-123"));
            Assert.That(parameters, Does.Not.ContainKey("code"));
        });
    }

    [Test]
    public async Task A_registered_scope_the_client_may_not_use_is_refused()
    {
        using var browser = NewBrowser();
        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, "openid orders.write", Pkce.Create()));

        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        Assert.That(parameters["error"], Is.EqualTo("invalid_request").Or.EqualTo("invalid_scope"));
        Assert.That(parameters, Does.Not.ContainKey("code"));
    }

    [TestCase("token")]
    [TestCase("id_token")]
    [TestCase("code id_token")]
    public async Task Response_types_other_than_code_are_refused(string responseType)
    {
        using var browser = NewBrowser();
        var url = AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()).Replace("response_type=code", "response_type=" + Uri.EscapeDataString(responseType), StringComparison.Ordinal);
        using var response = await browser.GetAsync(url);

        // The error goes back in the fragment, the default response mode for these response types (OAuth 2.0 Multiple
        // Response Type Encoding Practices §5), and carries no token.
        CallbackParameters(response, TestSeed.WebAppCallback);
        var fragment = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Headers.Location!.Fragment.TrimStart('#'));
        Assert.Multiple(() =>
        {
            Assert.That(fragment["error"].ToString(), Is.EqualTo("unsupported_response_type"));
            Assert.That(fragment["state"].ToString(), Is.EqualTo("state-123"));
            Assert.That(fragment.Keys, Does.Not.Contain("access_token").And.Not.Contain("id_token").And.Not.Contain("code"));
        });
    }

    [Test]
    public async Task Without_state_the_flow_works_and_no_state_is_invented()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var response = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), state: null), user);

        var parameters = CallbackParameters(response, TestSeed.WebAppCallback);
        Assert.That(parameters, Does.ContainKey("code"));
        Assert.That(parameters, Does.Not.ContainKey("state"));
    }

    [Test]
    public async Task A_removed_client_can_no_longer_refresh()
    {
        var client = new TestClient("short-lived-app", "short-lived-app-secret-01");
        using (var scope = Server.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = client.Id,
                ClientSecret = client.Secret,
                GrantTypes = ["authorization_code", "refresh_token"],
                Scopes = ["openid", "offline_access"],
                RedirectUris = ["https://short.example/cb"],
            }));
            Assert.That(added.Succeeded, Is.True);
        }

        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, client.Id, "https://short.example/cb", pkce, scope: "openid offline_access");
        var tokens = await RedeemForTokensAsync(client, code, "https://short.example/cb", pkce.Verifier);

        using (var scope = Server.Services.CreateScope())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RemoveClient(client.Id));
            Assert.That(removed.Succeeded, Is.True);
        }

        using var refresh = await RefreshAsync(client, tokens.GetProperty("refresh_token").GetString()!);
        Assert.Multiple(async () =>
        {
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the client itself no longer authenticates");
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.OrdersApiClient), Is.False);
        });
    }
}
