using Auth.Application.Clients;
using Auth.Application.IdentityProviders;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.IdentityProviders;
using Auth.Infrastructure.IdentityProviders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Tests.IdentityProviders;

/// <summary>The identity provider catalog as the host wires it, on each store, fed by the registration use case.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class IdentityProviderCatalogTests(DatabaseProvider provider)
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
    public async Task RemoveProviders()
    {
        await using var context = _database.NewContext();
        await context.IdentityProviders.ExecuteDeleteAsync();
    }

    [Test]
    public async Task Reload_signals_only_when_a_row_changed()
    {
        var catalog = NewCatalog();
        var definition = Okta("okta-reload");
        await RegisterAsync(definition);

        var first = catalog.GetChangeToken();
        var loaded = await catalog.ReloadAsync(CancellationToken.None);
        var second = catalog.GetChangeToken();
        var again = await catalog.ReloadAsync(CancellationToken.None);
        var unchanged = await RegisterAsync(definition, replace: true);
        var afterSameDefinition = await catalog.ReloadAsync(CancellationToken.None);
        var updated = await RegisterAsync(definition with { DisplayName = "Fabrikam, renamed" }, replace: true);
        var afterChange = await catalog.ReloadAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { loaded, again, afterSameDefinition, afterChange }, Is.EqualTo(new[] { true, false, false, true }));
            Assert.That(new[] { unchanged.Value, updated.Value }, Is.EqualTo(new[] { ChangeOutcome.Unchanged, ChangeOutcome.Updated }));
            Assert.That(first.HasChanged, Is.True, "the first load signals");
            Assert.That(second.HasChanged, Is.True, "the change signals");
            Assert.That(catalog.GetChangeToken().HasChanged, Is.False);
            Assert.That(catalog.Find("okta-reload")?.Provider.DisplayName, Is.EqualTo("Fabrikam, renamed"));
        });
    }

    [Test]
    public async Task A_row_that_fails_validation_is_skipped_not_fatal()
    {
        await RegisterAsync(Okta("okta-good"));
        await using (var context = _database.NewContext())
        {
            // Written past the use case, as a hand edit or an older version might: no openid scope; a secret this key ring cannot read.
            var noOpenId = new IdentityProvider("okta-no-openid", DateTimeOffset.UtcNow)
            {
                DisplayName = "No openid",
                Kind = ProviderKind.Okta,
                Issuer = "https://bad.example.com",
                ClientId = "c",
                ClientAuthentication = ClientAuthenticationKind.PrivateKeyJwt,
                Scopes = "profile",
                JustInTime = true,
            };
            var unreadable = new IdentityProvider("okta-unreadable", DateTimeOffset.UtcNow)
            {
                DisplayName = "Unreadable",
                Kind = ProviderKind.Okta,
                Issuer = "https://bad.example.com",
                ClientId = "c",
                ProtectedClientSecret = "not-a-protected-payload",
                JustInTime = true,
            };
            context.IdentityProviders.AddRange(noOpenId, unreadable);
            await context.SaveChangesAsync();
        }

        var catalog = NewCatalog();
        await catalog.ReloadAsync(CancellationToken.None);

        Assert.That(catalog.Providers.Select(p => p.Id), Is.EqualTo(new[] { "okta-good" }));
    }

    [Test]
    public async Task Secrets_are_decrypted_with_the_master_key()
    {
        await RegisterAsync(Okta("okta-secret"));
        await RegisterAsync(Okta("okta-key") with { ClientAuthentication = "private_key_jwt", ClientSecret = null, Domains = [] });

        string? stored;
        await using (var context = _database.NewContext())
        {
            stored = await context.IdentityProviders.Where(p => p.Id == "okta-secret").Select(p => p.ProtectedClientSecret).SingleAsync();
        }

        var catalog = NewCatalog();
        await catalog.ReloadAsync(CancellationToken.None);
        var withSecret = catalog.Find("okta-secret");
        var withKey = catalog.Find("okta-key");

        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.Not.Null.And.Not.Contain("okta-client-secret-0042"), "stored encrypted");
            Assert.That(withSecret?.ClientSecret, Is.EqualTo("okta-client-secret-0042"));
            Assert.That(withSecret?.ToString(), Does.Not.Contain("okta-client-secret-0042"));
            Assert.That(withKey?.ClientSecret, Is.Null);
            Assert.That(withKey?.SigningCertificate?.HasPrivateKey, Is.True);
            Assert.That(withKey?.Provider.SigningKeyId, Is.Not.Null);
        });
    }

    [Test]
    public async Task A_domain_owned_by_another_provider_is_refused_and_removal_takes_domains_along()
    {
        await RegisterAsync(Okta("okta-first") with { Domains = ["shared.example"] });
        var second = await RegisterAsync(Okta("okta-second") with { Domains = ["SHARED.example"] });
        var removed = await SendAsync(sp => new RemoveIdentityProviderHandler(sp.GetRequiredService<IAuthDbContext>(), Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Auth.Application.Sessions.SessionEnding>(sp, Microsoft.Extensions.Options.Options.Create(new Auth.Application.Sessions.BackChannelLogoutOptions())), new RecordedEvents())
            .Handle(new RemoveIdentityProvider("okta-first"), CancellationToken.None));
        var third = await RegisterAsync(Okta("okta-second") with { Domains = ["shared.example"] });

        Assert.Multiple(() =>
        {
            Assert.That(second.Error?.Description, Does.StartWith("domains:"));
            Assert.That(removed.Succeeded, Is.True);
            Assert.That(third.Value, Is.EqualTo(ChangeOutcome.Created));
        });
    }

    private IdentityProviderCatalog NewCatalog() => ActivatorUtilities.CreateInstance<IdentityProviderCatalog>(_services);

    private Task<Result<ChangeOutcome>> RegisterAsync(IdentityProviderDefinition definition, bool replace = false) =>
        SendAsync(sp => ActivatorUtilities.CreateInstance<RegisterIdentityProviderHandler>(sp, new RecordedEvents())
            .Handle(new RegisterIdentityProvider(definition, replace), CancellationToken.None));

    private async Task<T> SendAsync<T>(Func<IServiceProvider, ValueTask<T>> handle)
    {
        await using var scope = _services.CreateAsyncScope();
        return await handle(scope.ServiceProvider);
    }

    private static IdentityProviderDefinition Okta(string id) => new()
    {
        Id = id,
        DisplayName = "Fabrikam (Okta)",
        Kind = "okta",
        Issuer = "https://fabrikam.okta.com/oauth2/default",
        ClientId = "0oa1",
        ClientSecret = "okta-client-secret-0042",
        Domains = [$"{id}.example"],
        Linking = new IdentityProviderLinking { UserName = true },
    };
}
