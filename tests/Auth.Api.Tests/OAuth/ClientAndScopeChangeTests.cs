using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Auth.Application.Scopes;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// Clients and scopes are held in memory on every node (issue #15): a client is served from memory only while its
/// stored concurrency token is unchanged, so a change counts at the very next request on every node; scopes are read
/// again when the change feed reports a change, so a scope change counts within <see cref="Propagation.Limit"/>. The
/// changes here are made by the command line, another process, as an operator would.
/// </summary>
public sealed class ClientAndScopeChangeTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_client_changed_on_the_command_line_counts_at_the_next_request_for_its_scopes_and_its_secret()
    {
        var scope = "catalog." + Guid.NewGuid().ToString("N")[..8];
        var client = new TestClient("catalog-" + Guid.NewGuid().ToString("N")[..8], "catalog-secret-" + Guid.NewGuid().ToString("N")[..12]);
        Assert.That((await SeedAsync(Scope(scope, "https://catalog.example"), Client(client, scope, TestSeed.OrdersRead))).ExitCode, Is.Zero);
        using (var warm = await OAuth.RequestTokenAsync(client, scope))
        {
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the client is in the node's memory now");
        }

        Assert.That((await SeedAsync(Client(client, TestSeed.OrdersRead))).ExitCode, Is.Zero);
        using var withdrawnScope = await OAuth.RequestTokenAsync(client, scope);
        using var keptScope = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);

        var rotated = client with { Secret = "catalog-rotated-" + Guid.NewGuid().ToString("N")[..12] };
        Assert.That((await SeedAsync(Client(rotated, TestSeed.OrdersRead))).ExitCode, Is.Zero);
        using var oldSecret = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);
        using var newSecret = await OAuth.RequestTokenAsync(rotated, TestSeed.OrdersRead);

        Assert.Multiple(async () =>
        {
            Assert.That(withdrawnScope.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a scope taken from the client");
            Assert.That((await OAuthClient.ReadJsonAsync(withdrawnScope)).GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
            Assert.That(keptScope.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a scope the client keeps");
            Assert.That(oldSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old secret, at the first request after the change");
            Assert.That(newSecret.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new secret, at once");
        });
    }

    [Test]
    public async Task A_scope_changed_on_the_command_line_gives_new_tokens_its_new_audience_within_a_second()
    {
        var scope = "catalog." + Guid.NewGuid().ToString("N")[..8];
        var client = new TestClient("catalog-" + Guid.NewGuid().ToString("N")[..8], "catalog-secret-" + Guid.NewGuid().ToString("N")[..12]);
        Assert.That((await SeedAsync(Scope(scope, "https://before.example"), Client(client, scope))).ExitCode, Is.Zero);
        Assert.That(Audiences(await OAuth.GetAccessTokenAsync(client, scope)), Is.EqualTo(new[] { "https://before.example" }),
            "the scopes are in the node's memory now");

        var seeded = await SeedAsync(Scope(scope, "https://after.example"));
        var acknowledged = Propagation.Now();
        Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);
        string[] audiences;
        do
        {
            audiences = Audiences(await OAuth.GetAccessTokenAsync(client, scope));
        }
        while (audiences.Contains("https://before.example") && Stopwatch.GetElapsedTime(acknowledged) < Propagation.Limit * 3);

        var took = Stopwatch.GetElapsedTime(acknowledged);
        await TestContext.Out.WriteLineAsync($"propagation scope changed (CLI seed): {took.TotalMilliseconds:F0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(audiences, Is.EqualTo(new[] { "https://after.example" }));
            Assert.That(took, Is.LessThanOrEqualTo(Propagation.Limit));
        });
    }

    [Test]
    public async Task A_scope_and_a_client_changed_through_this_node_count_at_its_next_request()
    {
        var scope = "catalog." + Guid.NewGuid().ToString("N")[..8];
        Assert.That((await SendAsync(new RegisterScope(new ScopeDefinition { Name = scope, Resources = ["https://before.example"] }))).Succeeded, Is.True);
        var client = await RegisterOwnClientAsync("catalog", [scope]);
        Assert.That(Audiences(await OAuth.GetAccessTokenAsync(client, scope)), Is.EqualTo(new[] { "https://before.example" }),
            "the client and the scopes are in the node's memory now");

        var scopeChanged = await SendAsync(new RegisterScope(new ScopeDefinition { Name = scope, Resources = ["https://after.example"] }, ReplaceExisting: true));
        var audiences = Audiences(await OAuth.GetAccessTokenAsync(client, scope));
        var rotated = client with { Secret = client.Secret + "-rotated" };
        var clientChanged = await SendAsync(new RegisterClient(new ClientDefinition
        {
            ClientId = client.Id,
            ClientSecret = rotated.Secret,
            GrantTypes = ["client_credentials"],
            Scopes = [scope],
        }, ReplaceExisting: true));
        using var oldSecret = await OAuth.RequestTokenAsync(client, scope);
        using var newSecret = await OAuth.RequestTokenAsync(rotated, scope);

        Assert.Multiple(() =>
        {
            Assert.That(scopeChanged.Error?.Description, Is.Null);
            Assert.That(audiences, Is.EqualTo(new[] { "https://after.example" }), "the scope's new resources, at once");
            Assert.That(clientChanged.Error?.Description, Is.Null);
            Assert.That(oldSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(newSecret.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_write_given_the_nodes_copy_of_a_client_changes_the_stored_client_and_a_stale_copy_is_refused()
    {
        var client = await RegisterOwnClientAsync("catalog", [TestSeed.OrdersRead]);
        using (var warm = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead))
        {
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the client is in the node's memory now");
        }

        using var first = Server.Services.CreateScope();
        var firstManager = first.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var copy = await firstManager.FindByClientIdAsync(client.Id);
        Assert.That(copy, Is.Not.Null);
        Assert.That(first.ServiceProvider.GetRequiredService<AuthDbContext>().Entry(copy!).State, Is.EqualTo(EntityState.Detached),
            "the lookup answered with the catalog's untracked copy");

        using (var second = Server.Services.CreateScope())
        {
            var manager = second.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var current = await manager.FindByClientIdAsync(client.Id);
            await manager.UpdateAsync(current!, await DescriptorAsync(manager, current!, "renamed once"));
        }

        var stale = await DescriptorAsync(firstManager, copy!, "renamed from a stale copy");
        Assert.That(async () => await firstManager.UpdateAsync(copy!, stale), Throws.InstanceOf<OpenIddictExceptions.ConcurrencyException>(),
            "the copy was read before the other change");

        using var third = Server.Services.CreateScope();
        var thirdManager = third.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var fresh = await thirdManager.FindByClientIdAsync(client.Id);
        await thirdManager.UpdateAsync(fresh!, await DescriptorAsync(thirdManager, fresh!, "renamed twice"));
        using var reader = Server.Services.CreateScope();
        var stored = await reader.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(client.Id);
        Assert.That(await reader.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().GetDisplayNameAsync(stored!),
            Is.EqualTo("renamed twice"));
    }

    private static async Task<OpenIddictApplicationDescriptor> DescriptorAsync(IOpenIddictApplicationManager manager, object application, string displayName)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await manager.PopulateAsync(descriptor, application);
        descriptor.DisplayName = displayName;
        return descriptor;
    }

    private async Task<TResult> SendAsync<TResult>(Mediator.ICommand<TResult> command)
    {
        using var services = Server.Services.CreateScope();
        return await services.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command);
    }

    private static string[] Audiences(string token) => Jwt.Payload(token)["aud"] switch
    {
        System.Text.Json.Nodes.JsonArray many => [.. many.Select(a => a!.GetValue<string>())],
        { } one => [one.GetValue<string>()],
        null => [],
    };

    private static object Scope(string name, string resource) => new { name, resources = new[] { resource } };

    private static object Client(TestClient client, params string[] scopes) =>
        new { clientId = client.Id, clientSecret = client.Secret, grantTypes = new[] { "client_credentials" }, scopes };

    private Task<AuthExecutable.Outcome> SeedAsync(params object[] entries)
    {
        var path = Path.Combine(Server.Store.DataDirectory, $"seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            scopes = entries.Where(e => e.GetType().GetProperty("name") is not null).ToArray(),
            clients = entries.Where(e => e.GetType().GetProperty("clientId") is not null).ToArray(),
        }));
        return AuthExecutable.RunAsync(Server.Store, "seed", "--file", path);
    }
}
