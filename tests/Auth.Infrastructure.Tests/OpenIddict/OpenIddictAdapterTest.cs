using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>
/// A fixture for an adapter on OpenIddict's managers: one database of the given store, and the services as the host
/// wires them, for the whole fixture.
/// </summary>
public abstract class OpenIddictAdapterTest(DatabaseProvider provider)
{
    private TestDatabase _database = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        Services = _database.NewServices();
        await OnCreatedAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>What a fixture adds to the fresh database before its tests run.</summary>
    protected virtual Task OnCreatedAsync() => Task.CompletedTask;
}
