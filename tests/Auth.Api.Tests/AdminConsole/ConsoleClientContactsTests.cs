using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>The console shows a client's home page and contacts, and an edit of what the form holds keeps them.</summary>
public sealed class ConsoleClientContactsTests(StoreKind store) : ConsoleTest(store)
{
    [Test]
    public async Task The_details_page_shows_the_home_page_and_contacts_and_an_edit_keeps_them()
    {
        var clientId = "console-contacts-" + Guid.NewGuid().ToString("N")[..8];
        string[] contacts = ["owner@app.example", "security@app.example"];
        using (var scope = Server.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = clientId,
                ClientSecret = "console-contacts-secret-1",
                GrantTypes = [ClientGrantTypes.AuthorizationCode],
                Scopes = ["openid"],
                RedirectUris = [TestSeed.WebAppCallback],
                ClientUri = "https://app.example/",
                Contacts = contacts,
            }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        }

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var edited = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", new Dictionary<string, string>
        {
            ["DisplayName"] = "With contacts",
            ["GrantTypes"] = "authorization_code",
            ["Scopes"] = "openid",
            ["RedirectUris"] = TestSeed.WebAppCallback,
        });
        using var after = Server.Services.CreateScope();
        var stored = (await after.ServiceProvider.GetRequiredService<ISender>().Send(new GetClient(clientId))).Value!;

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("website https://app.example/"));
            Assert.That(page, Does.Contain(string.Join(", ", contacts)));
            Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
            Assert.That(stored.DisplayName, Is.EqualTo("With contacts"));
            Assert.That(stored.ClientUri, Is.EqualTo("https://app.example/"));
            Assert.That(stored.Contacts, Is.EqualTo(contacts));
        });
    }
}
