using Auth.Application.Ports;
using Auth.Application.Scopes;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>Listing and removing scopes through the registry on OpenIddict's scope manager, on each store.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ScopeRegistryListRemoveTests(DatabaseProvider provider) : OpenIddictAdapterTest(provider)
{
    [Test]
    public async Task Scopes_are_listed_by_name_with_their_resources_and_a_removed_one_is_gone()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var invoices = new ScopeDefinition { Name = prefix + ".invoices", DisplayName = "Invoices", Description = "Read invoices", Resources = ["https://z.example", "https://a.example"] };
        var archive = new ScopeDefinition { Name = prefix + ".archive" };
        await InScopeAsync(registry => registry.AddAsync(invoices, CancellationToken.None));
        await InScopeAsync(registry => registry.AddAsync(archive, CancellationToken.None));

        var listed = (await InScopeAsync(registry => registry.ListAsync(CancellationToken.None))).Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var removed = await InScopeAsync(registry => registry.RemoveAsync(archive.Name, CancellationToken.None));
        var again = await InScopeAsync(registry => registry.RemoveAsync(archive.Name, CancellationToken.None));
        var exists = await InScopeAsync(registry => registry.ExistsAsync(archive.Name, CancellationToken.None));
        var left = (await InScopeAsync(registry => registry.ListAsync(CancellationToken.None))).Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(s => s.Name), Is.EqualTo(new[] { archive.Name, invoices.Name }));
            Assert.That(listed[0].DisplayName, Is.EqualTo(archive.Name), "the display name defaults to the name");
            Assert.That(listed[1].DisplayName, Is.EqualTo("Invoices"));
            Assert.That(listed[1].Description, Is.EqualTo("Read invoices"));
            Assert.That(listed[1].Resources, Is.EqualTo(new[] { "https://a.example", "https://z.example" }));
            Assert.That(new[] { removed, again, exists }, Is.EqualTo(new[] { true, false, false }));
            Assert.That(left.Select(s => s.Name), Is.EqualTo(new[] { invoices.Name }));
        });
    }

    private async Task<T> InScopeAsync<T>(Func<IScopeRegistry, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IScopeRegistry>());
    }
}
