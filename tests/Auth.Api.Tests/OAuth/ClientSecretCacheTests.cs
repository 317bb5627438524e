using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// A verified client secret is remembered for a while to spare the PBKDF2 check, but a changed secret counts at once,
/// on this node and on another, and a wrong secret is never remembered.
/// </summary>
public sealed class ClientSecretCacheTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_changed_secret_is_refused_at_once_although_the_old_one_was_just_verified()
    {
        var old = new TestClient("rotating-" + Guid.NewGuid().ToString("N")[..8], "old-secret-000000000001");
        await RegisterAsync(old, replace: false);
        await using var otherNode = await AuthProcess.StartBesideAsync(Server);
        var otherOAuth = new OAuthClient(otherNode.Client);
        Assert.That(await OAuth.GetAccessTokenAsync(old), Is.Not.Empty);
        Assert.That(await otherOAuth.GetAccessTokenAsync(old), Is.Not.Empty);

        var rotated = old with { Secret = "new-secret-000000000002" };
        await RegisterAsync(rotated, replace: true);

        using var oldHere = await OAuth.RequestTokenAsync(old);
        using var oldThere = await otherOAuth.RequestTokenAsync(old);
        using var newHere = await OAuth.RequestTokenAsync(rotated);
        using var newThere = await otherOAuth.RequestTokenAsync(rotated);
        Assert.Multiple(() =>
        {
            Assert.That(oldHere.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(oldThere.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(newHere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(newThere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public void OpenIddict_uses_the_manager_that_remembers_verified_secrets()
    {
        using var scope = Server.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();

        Assert.That(manager.GetType().GetGenericTypeDefinition(), Is.EqualTo(typeof(Auth.Infrastructure.Clients.ClientApplicationManager<>)));
    }

    [Test]
    public async Task A_wrong_secret_stays_wrong_however_often_the_right_one_is_used()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead), Is.Not.Empty);
            using var wrong = await OAuth.RequestTokenAsync(TestSeed.ServiceA with { Secret = TestSeed.ServiceA.Secret + "x" }, TestSeed.OrdersRead);
            using var prefix = await OAuth.RequestTokenAsync(TestSeed.ServiceA with { Secret = TestSeed.ServiceA.Secret[..^1] }, TestSeed.OrdersRead);
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(prefix.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    private async Task RegisterAsync(TestClient client, bool replace)
    {
        using var scope = Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = client.Id,
            ClientSecret = client.Secret,
            GrantTypes = ["client_credentials"],
            Scopes = [TestSeed.OrdersRead],
        }, ReplaceExisting: replace));
        Assert.That(result.Succeeded, Is.True, result.Error?.Description);
    }
}
