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
/// Clients and scopes are held in memory on every node (issue #15, ADRs 0012 and 0013): where a token is issued, a
/// client is served from memory only while its stored concurrency token is unchanged, so a change counts at the very
/// next request on every node; introspection takes it from memory unread while the change feed is current, and scopes
/// are read again when the feed reports a change, so those count within <see cref="Propagation.Limit"/>. The
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
        TimeSpan took;
        do
        {
            // As Propagation.MeasureAsync does: the moment a request that shows the change was sent, not when its
            // answer arrived (a loaded machine's request latency is not propagation).
            took = Stopwatch.GetElapsedTime(acknowledged);
            audiences = Audiences(await OAuth.GetAccessTokenAsync(client, scope));
        }
        while (audiences.Contains("https://before.example") && Stopwatch.GetElapsedTime(acknowledged) < Propagation.Limit * 3);

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

        // The feed reads the registration's own change again and forgets the client once more: wait for a kept copy.
        var (first, copy) = await CatalogCopyAsync(client.Id);
        using var firstScope = first;
        var firstManager = first.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

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

    [Test]
    public async Task Introspection_takes_a_kept_client_from_memory_while_the_token_endpoint_checks_the_stored_client()
    {
        // The catalog serves from memory only while no client changed since it kept this one: another test of this
        // server changing a client in between (or the feed falling behind on a loaded machine) ends that, and the
        // attempt says nothing; it is tried again with a client of its own.
        var catalog = Server.Services.GetRequiredService<Auth.Infrastructure.Clients.ClientCatalog>();
        HttpResponseMessage introspection;
        TestClient client;
        var attempt = 0;
        while (true)
        {
            attempt++;
            client = await RegisterOwnClientAsync("catalog", [TestSeed.OrdersRead]);
            var token = await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead);
            await KeptInMemoryAsync(client, token);

            // A write that bypasses the service records no change: the secret's hash replaced, a new concurrency token.
            using (var scope = Server.Services.CreateScope())
            {
                var changed = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().Database.ExecuteSqlInterpolatedAsync(
                    $"""UPDATE "OpenIddictApplications" SET "ClientSecret" = {"not-a-hash"}, "ConcurrencyToken" = {Guid.NewGuid().ToString()} WHERE "ClientId" = {client.Id}""");
                Assert.That(changed, Is.EqualTo(1));
            }

            var generation = catalog.Generation;
            var kept = catalog.TryGetCurrent(client.Id, out _, out _);
            introspection = await IntrospectAsync(client, token);
            if ((kept && catalog.Generation == generation && catalog.TryGetCurrent(client.Id, out _, out _)) || attempt == 3)
            {
                break;
            }

            introspection.Dispose();
        }

        using var introspected = introspection;
        using var tokenRequest = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);

        Assert.Multiple(async () =>
        {
            Assert.That(introspection.StatusCode, Is.EqualTo(HttpStatusCode.OK), "introspection issues nothing: the kept client, unread");
            Assert.That((await OAuthClient.ReadJsonAsync(introspection)).GetProperty("active").GetBoolean(), Is.True);
            Assert.That(tokenRequest.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the token endpoint checks the stored client");
        });
    }

    [Test]
    public async Task A_client_changed_on_the_command_line_counts_at_introspection_within_a_second_and_its_new_secret_at_once()
    {
        var client = new TestClient("catalog-" + Guid.NewGuid().ToString("N")[..8], "catalog-secret-" + Guid.NewGuid().ToString("N")[..12]);
        Assert.That((await SeedAsync(Client(client, TestSeed.OrdersRead))).ExitCode, Is.Zero);
        var token = await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead);
        await KeptInMemoryAsync(client, token);

        var rotated = client with { Secret = "catalog-rotated-" + Guid.NewGuid().ToString("N")[..12] };
        var seeded = await SeedAsync(Client(rotated, TestSeed.OrdersRead));
        var acknowledged = Propagation.Now();
        Assert.That(seeded.ExitCode, Is.Zero, seeded.Error);
        using var newSecret = await IntrospectAsync(rotated, token);
        using var oldSecretForAToken = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);
        var oldSecretRefusedAfter = await RefusedAtIntrospectionAfterAsync(client, token, acknowledged);
        await TestContext.Out.WriteLineAsync($"propagation client secret changed, introspection (CLI seed): {oldSecretRefusedAfter?.TotalMilliseconds:F0} ms");

        Assert.That((await AuthExecutable.RunAsync(Server.Store, "clients", "remove", "--id", client.Id)).ExitCode, Is.Zero);
        var removedAt = Propagation.Now();
        var removedRefusedAfter = await RefusedAtIntrospectionAfterAsync(rotated, token, removedAt);
        await TestContext.Out.WriteLineAsync($"propagation client removed, introspection (CLI): {removedRefusedAfter?.TotalMilliseconds:F0} ms");

        Assert.Multiple(() =>
        {
            Assert.That(newSecret.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a secret failing against the kept copy is checked against the changed client");
            Assert.That(oldSecretForAToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no token for the old secret, at once");
            Assert.That(oldSecretRefusedAfter, Is.Not.Null.And.LessThanOrEqualTo(Propagation.Limit), "the old secret at introspection");
            Assert.That(removedRefusedAfter, Is.Not.Null.And.LessThanOrEqualTo(Propagation.Limit), "a removed client at introspection");
        });
    }

    [Test]
    public async Task A_client_changed_through_this_node_counts_at_its_next_introspection()
    {
        var client = await RegisterOwnClientAsync("catalog", [TestSeed.OrdersRead]);
        var token = await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead);
        await KeptInMemoryAsync(client, token);

        var rotated = await SendAsync(new RegisterClient(new ClientDefinition
        {
            ClientId = client.Id,
            ClientSecret = client.Secret + "-rotated",
            GrantTypes = ["client_credentials"],
            Scopes = [TestSeed.OrdersRead],
        }, ReplaceExisting: true));
        using var oldSecret = await IntrospectAsync(client, token);

        Assert.Multiple(() =>
        {
            Assert.That(rotated.Error?.Description, Is.Null);
            Assert.That(oldSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the node that made the change forgot the client at commit");
        });
    }

    private Task<HttpResponseMessage> IntrospectAsync(TestClient asClient, string token) =>
        OAuth.PostFormAsync("/oauth/introspect", [new("token", token)], OAuthClient.Basic(asClient.Id, asClient.Secret));

    /// <summary>
    /// Introspects until the node serves the client from memory unread (the feed reads a registration's own change
    /// again, and forgets the client once more), within two seconds.
    /// </summary>
    private async Task KeptInMemoryAsync(TestClient client, string token)
    {
        var catalog = Server.Services.GetRequiredService<Auth.Infrastructure.Clients.ClientCatalog>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (true)
        {
            using (var warm = await IntrospectAsync(client, token))
            {
                Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            if (catalog.TryGetCurrent(client.Id, out _, out _))
            {
                return;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the client never came to be served from memory");
            await Task.Delay(50);
        }
    }

    /// <summary>From <paramref name="acknowledged"/> to the sending of the first introspection that refused the client; null if none within three limits.</summary>
    private async Task<TimeSpan?> RefusedAtIntrospectionAfterAsync(TestClient client, string token, long acknowledged)
    {
        while (Stopwatch.GetElapsedTime(acknowledged) < Propagation.Limit * 3)
        {
            var sent = Stopwatch.GetElapsedTime(acknowledged);
            using var response = await IntrospectAsync(client, token);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return sent;
            }

            await Task.Delay(10);
        }

        return null;
    }

    /// <summary>A scope whose lookup of the client answered with the catalog's untracked copy, within two seconds.</summary>
    private async Task<(IServiceScope Scope, object Copy)> CatalogCopyAsync(string clientId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (true)
        {
            var scope = Server.Services.CreateScope();
            var found = await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(clientId);
            Assert.That(found, Is.Not.Null);
            if (scope.ServiceProvider.GetRequiredService<AuthDbContext>().Entry(found!).State == EntityState.Detached)
            {
                return (scope, found!);
            }

            scope.Dispose();
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the lookup never answered with the catalog's untracked copy");
            await Task.Delay(50);
        }
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
