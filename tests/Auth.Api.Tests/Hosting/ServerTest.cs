using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// One server and one store per fixture, run once per store kind. Tests in a fixture share them and create the
/// state they need (tokens are independent), so no test depends on another's leftovers.
/// </summary>
[TestFixtureSource(typeof(Stores), nameof(Stores.All))]
public abstract class ServerTest(StoreKind storeKind)
{
    private readonly List<AuthProcess> _nodes = [];
    private TestStore? _store;
    private AuthServer? _server;

    protected StoreKind StoreKind { get; } = storeKind;

    protected AuthServer Server => _server ?? throw new InvalidOperationException("The server is not running.");

    protected OAuthClient OAuth => new(Server.Client);

    /// <summary>Extra configuration for this fixture's server.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _store = await TestStore.CreateAsync(StoreKind);
        _server = await AuthServer.StartAsync(_store, Settings);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [TearDown]
    public void ResetClock() => _server?.Clock.Reset();

    /// <summary>Another node beside this fixture's server (same store, issuer and seed), stopped with the fixture.</summary>
    protected async Task<AuthProcess> StartNodeBesideAsync(IDictionary<string, string?>? settings = null)
    {
        var node = await AuthProcess.StartBesideAsync(Server, settings);
        _nodes.Add(node);
        return node;
    }

    protected async Task RestartServerAsync() => _server = await Server.RestartAsync(Settings);

    /// <summary>A confidential authorization_code client that registered itself (RFC 7591), with <paramref name="secret"/>: its id.</summary>
    protected async Task<string> RegisterStrangerAsync(string prefix, string secret)
    {
        var clientId = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = clientId,
            ClientSecret = secret,
            GrantTypes = ["authorization_code"],
            Scopes = ["openid"],
            RedirectUris = [TestSeed.WebAppCallback],
            FirstParty = false,
            SelfRegistered = true,
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return clientId;
    }

    /// <summary>A client_credentials client of the calling test's own, so removing it or changing its secret touches no other test.</summary>
    protected async Task<TestClient> RegisterOwnClientAsync(string prefix, IReadOnlyList<string> scopes)
    {
        var client = new TestClient(prefix + "-" + Guid.NewGuid().ToString("N")[..8], prefix + "-secret-" + Guid.NewGuid().ToString("N")[..12]);
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = client.Id,
            ClientSecret = client.Secret,
            GrantTypes = ["client_credentials"],
            Scopes = scopes,
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return client;
    }
}
