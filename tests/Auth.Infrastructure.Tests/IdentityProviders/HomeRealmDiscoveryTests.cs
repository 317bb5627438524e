using Auth.Application.IdentityProviders;
using Auth.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Tests.IdentityProviders;

/// <summary>Home-realm discovery and the sign-in buttons, on each store.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class HomeRealmDiscoveryTests(DatabaseProvider provider)
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = _database.NewServices();
        await RegisterAsync("contoso", "Contoso", "contoso.example", enabled: true);
        await RegisterAsync("dormant", "Dormant", "dormant.example", enabled: false);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [TestCase("alice@contoso.example", "contoso")]
    [TestCase("Alice@CONTOSO.Example", "contoso")]
    [TestCase("alice@sub.contoso.example", null)]
    [TestCase("alice@elsewhere.example", null)]
    [TestCase("alice", null)]
    [TestCase("alice@", null)]
    [TestCase("bob@dormant.example", null)]
    public async Task A_name_in_a_domain_an_enabled_provider_owns_goes_to_that_provider(string typed, string? expected)
    {
        await using var scope = _services.CreateAsyncScope();
        var found = await new FindProviderForDomainHandler(scope.ServiceProvider.GetRequiredService<IAuthDbContext>())
            .Handle(new FindProviderForDomain(typed), CancellationToken.None);

        Assert.That(found?.Id, Is.EqualTo(expected));
    }

    [Test]
    public async Task Only_enabled_providers_get_a_button()
    {
        await using var scope = _services.CreateAsyncScope();
        var buttons = await new ListSignInProvidersHandler(scope.ServiceProvider.GetRequiredService<IAuthDbContext>())
            .Handle(new ListSignInProviders(), CancellationToken.None);

        Assert.That(buttons, Is.EqualTo(new[] { new SignInProvider("contoso", "Contoso") }));
    }

    private async Task RegisterAsync(string id, string name, string domain, bool enabled)
    {
        await using var scope = _services.CreateAsyncScope();
        var registered = await ActivatorUtilities.CreateInstance<RegisterIdentityProviderHandler>(scope.ServiceProvider, new RecordedEvents())
            .Handle(new RegisterIdentityProvider(new IdentityProviderDefinition
            {
                Id = id,
                DisplayName = name,
                Issuer = $"https://idp.{domain}",
                ClientId = "app",
                ClientSecret = "hrd-client-secret-0042",
                Domains = [domain],
                Enabled = enabled,
                Linking = new IdentityProviderLinking { UserName = true },
            }), CancellationToken.None);
        Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
    }
}
