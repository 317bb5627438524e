using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.OAuth.PrivateKeyJwt;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>The console shows a client's request-object settings and request URIs, and an edit keeps them.</summary>
public sealed class ConsoleRequestObjectTests(StoreKind store) : ConsoleTest(store)
{
    [Test]
    public async Task The_details_page_shows_the_request_object_settings_and_request_uris_and_an_edit_keeps_them()
    {
        var clientId = "console-jar-" + Guid.NewGuid().ToString("N")[..8];
        string[] requestUris = ["https://app.example/ro/1.jwt", "https://app.example/ro/2.jwt"];
        using (var scope = Server.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = clientId,
                Jwks = ClientKeys.Rsa().Jwks,
                GrantTypes = [ClientGrantTypes.AuthorizationCode],
                Scopes = ["openid"],
                RedirectUris = [TestSeed.WebAppCallback],
                RequestObjectSigningAlg = "PS256",
                RequireSignedRequestObject = true,
                RequestUris = requestUris,
            }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        }

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var edited = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "Signed requests",
            ["GrantTypes"] = "authorization_code",
            ["Scopes"] = "openid",
            ["RedirectUris"] = TestSeed.WebAppCallback,
        });
        using var after = Server.Services.CreateScope();
        var stored = (await after.ServiceProvider.GetRequiredService<ISender>().Send(new GetClient(clientId))).Value!;

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("required, signed (PS256 only)"));
            Assert.That(page, Does.Contain(string.Join(", ", requestUris)));
            Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That(stored.DisplayName, Is.EqualTo("Signed requests"));
            Assert.That(stored.RequestObjectSigningAlg, Is.EqualTo("PS256"));
            Assert.That(stored.RequireSignedRequestObject, Is.True);
            Assert.That(stored.RequestUris, Is.EqualTo(requestUris));
        });
    }
}
