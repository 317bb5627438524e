using Auth.Application.IdentityProviders;
using Auth.Application.Ports;
using Auth.Application.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.IdentityProviders;

/// <summary>What a logout learns of the session's provider on each store: the decrypted ID token, only when the provider logs out upstream.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class GetUpstreamLogoutTests(DatabaseProvider provider)
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = _database.NewServices();
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [SetUp]
    public async Task StartAfresh()
    {
        await using var context = _database.NewContext();
        await context.IdentityProviders.ExecuteDeleteAsync();
        await context.Sessions.ExecuteDeleteAsync();
        await context.Users.ExecuteDeleteAsync();
    }

    [Test]
    public async Task A_session_of_a_provider_with_upstream_logout_gives_its_decrypted_id_token()
    {
        await RegisterAsync("outco", upstreamLogout: true);
        var session = await StartSessionAsync("outco", "upstream.id.token");

        var logout = await GetAsync(session);

        Assert.Multiple(() =>
        {
            Assert.That(logout?.ProviderId, Is.EqualTo("outco"));
            Assert.That(logout?.IdTokenHint, Is.EqualTo("upstream.id.token"));
            Assert.That(logout?.ToString(), Does.Not.Contain("upstream.id.token"), "never in a log line");
        });
    }

    [Test]
    public async Task Local_only_without_upstream_logout_a_token_a_provider_or_the_session()
    {
        await RegisterAsync("localco", upstreamLogout: false);
        await RegisterAsync("outco", upstreamLogout: true);
        var withoutUpstreamLogout = await StartSessionAsync("localco", "upstream.id.token");
        var withoutToken = await StartSessionAsync("outco", idToken: null);
        var password = await StartSessionAsync(providerId: null, idToken: null);
        var ended = await StartSessionAsync("outco", "upstream.id.token");
        await using (var context = _database.NewContext())
        {
            await context.Sessions.Where(s => s.Id == ended).ExecuteDeleteAsync();
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await GetAsync(withoutUpstreamLogout), Is.Null);
            Assert.That(await GetAsync(withoutToken), Is.Null);
            Assert.That(await GetAsync(password), Is.Null);
            Assert.That(await GetAsync(ended), Is.Null);
        });
    }

    private async Task<UpstreamSignOut?> GetAsync(string sessionId)
    {
        await using var scope = _services.CreateAsyncScope();
        var handler = new GetUpstreamLogoutHandler(scope.ServiceProvider.GetRequiredService<IAuthDbContext>(), scope.ServiceProvider.GetRequiredService<ISecretProtector>());
        return await handler.Handle(new GetUpstreamLogout(sessionId), CancellationToken.None);
    }

    private async Task RegisterAsync(string id, bool upstreamLogout)
    {
        await using var scope = _services.CreateAsyncScope();
        var registered = await ActivatorUtilities.CreateInstance<RegisterIdentityProviderHandler>(scope.ServiceProvider, new RecordedEvents())
            .Handle(new RegisterIdentityProvider(new IdentityProviderDefinition
            {
                Id = id,
                DisplayName = id,
                Issuer = $"https://idp.{id}.example",
                ClientId = "app",
                ClientSecret = "out-client-secret-0042",
                UpstreamLogout = upstreamLogout,
            }), CancellationToken.None);
        Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
    }

    private async Task<string> StartSessionAsync(string? providerId, string? idToken)
    {
        await using var context = _database.NewContext();
        var user = new User($"user-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        context.Users.Add(user);
        await context.SaveChangesAsync();

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        var ending = new SessionEnding(db, scope.ServiceProvider.GetRequiredService<IClientRegistry>(), Options.Create(new BackChannelLogoutOptions()), TimeProvider.System);
        var handler = new StartSessionHandler(db, ending, Options.Create(new SessionLifetimes()),
            scope.ServiceProvider.GetRequiredService<ISecretProtector>(), TimeProvider.System);
        return await handler.Handle(new StartSession(user.Id, ["fed"], DateTimeOffset.UtcNow, null, providerId, idToken), CancellationToken.None);
    }
}
