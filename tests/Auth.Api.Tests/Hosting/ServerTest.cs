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
}
