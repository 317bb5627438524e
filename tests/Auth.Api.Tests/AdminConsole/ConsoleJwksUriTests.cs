using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>The console shows where a client's private_key_jwt keys are fetched from, and an edit posting the form as shown keeps them.</summary>
public sealed class ConsoleJwksUriTests(StoreKind store) : ConsoleTest(store)
{
    [Test]
    public async Task The_details_page_names_the_jwks_uri_and_an_edit_keeps_it()
    {
        await using var host = await JwksHost.StartAsync();
        var keys = ClientKeys.Rsa();
        host.Publish(keys);
        var clientId = "console-jwks-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = Server.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = clientId,
                JwksUri = host.JwksUri,
                GrantTypes = ["client_credentials"],
                Scopes = [TestSeed.OrdersRead],
            }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        }

        using var before = await Server.Client.PostAsync("oauth/token", new FormUrlEncodedContent(
            ClientKeys.TokenForm(clientId, keys.Assertion(clientId, Server.BaseAddress.AbsoluteUri), TestSeed.OrdersRead)));
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "before: " + await before.Content.ReadAsStringAsync());
        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var edited = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "Reports",
            ["GrantTypes"] = "client_credentials",
            ["Scopes"] = TestSeed.OrdersRead,
            ["JwksUri"] = host.JwksUri,
        });
        // Signing in to the console moves the server's clock on: the assertion is dated by it.
        using var token = await Server.Client.PostAsync("oauth/token", new FormUrlEncodedContent(ClientKeys.TokenForm(
            clientId, keys.Assertion(clientId, Server.BaseAddress.AbsoluteUri, issuedAt: Server.Clock.GetUtcNow()), TestSeed.OrdersRead)));

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("private_key_jwt (keys fetched from " + host.JwksUri + ")"));
            Assert.That(page, Does.Contain("name=\"JwksUri\" value=\"" + host.JwksUri + "\""), "the form holds the URI, so posting it back keeps it");
            Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
        });
    }
}
