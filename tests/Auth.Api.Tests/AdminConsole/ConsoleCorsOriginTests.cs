using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.AdminConsole;

/// <summary>The console's client form shows and changes the origins a client's browser app calls the server from.</summary>
public sealed class ConsoleCorsOriginTests(StoreKind store) : ConsoleTest(store)
{
    [Test]
    public async Task The_form_shows_the_origins_changes_them_as_browsers_send_them_and_refuses_what_is_no_origin()
    {
        var clientId = "console-cors-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = Server.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
            {
                ClientId = clientId,
                GrantTypes = ["authorization_code"],
                Scopes = ["openid"],
                RedirectUris = ["https://first.example/cb"],
                AllowedCorsOrigins = ["https://first.example"],
            }));
            Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        }

        using var admin = await EnterConsoleAsync();
        var page = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var edited = await admin.Browser.SubmitFormAsync(page, $"/admin/clients/{clientId}?handler=Edit", new Dictionary<string, string>
        {
            ["GrantTypes"] = "authorization_code",
            ["Scopes"] = "openid",
            ["RedirectUris"] = "https://first.example/cb",
            ["AllowedCorsOrigins"] = "https://Second.example:443/\nhttp://localhost:3000",
        });
        var changed = await StoredAsync(clientId);
        var again = await PageAsync(admin.Browser, "/admin/clients/" + clientId);
        using var refused = await admin.Browser.SubmitFormAsync(again, $"/admin/clients/{clientId}?handler=Edit", new Dictionary<string, string>
        {
            ["GrantTypes"] = "authorization_code",
            ["Scopes"] = "openid",
            ["RedirectUris"] = "https://first.example/cb",
            ["AllowedCorsOrigins"] = "https://second.example/app",
        });
        var afterRefusal = await StoredAsync(clientId);

        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain(">https://first.example</textarea>"), "the form shows the stored origins");
            Assert.That(await edited.Content.ReadAsStringAsync(), Does.Contain("The client is changed."));
            Assert.That(changed, Is.EqualTo(new[] { "http://localhost:3000", "https://second.example" }));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("allowed CORS origin").IgnoreCase);
            Assert.That(afterRefusal, Is.EqualTo(changed), "a refused edit wrote nothing");
        });
    }

    private async Task<IReadOnlyList<string>> StoredAsync(string clientId)
    {
        using var scope = Server.Services.CreateScope();
        var found = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetClient(clientId));
        Assert.That(found.Succeeded, Is.True, found.Error?.Description);
        return found.Value!.AllowedCorsOrigins;
    }
}
