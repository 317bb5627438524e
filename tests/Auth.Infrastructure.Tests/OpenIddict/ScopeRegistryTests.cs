using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Scopes;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>The scope registry on OpenIddict's scope manager, as the host wires it, on each store.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ScopeRegistryTests(DatabaseProvider provider) : OpenIddictAdapterTest(provider)
{
    [Test]
    public async Task Applying_a_scope_again_changes_nothing_and_a_changed_one_is_updated()
    {
        var scope = new ScopeDefinition { Name = Unique("orders"), Description = "Read orders", Resources = ["https://orders.example"] };

        var outcomes = new List<ChangeOutcome>();
        foreach (var definition in new[]
        {
            scope,
            scope,
            scope with { Resources = ["https://orders.example", "https://archive.example"] },
            scope with { Resources = ["https://archive.example", "https://orders.example"] },
            scope with { Resources = ["https://archive.example", "https://orders.example"], DisplayName = "Orders" },
        })
        {
            outcomes.Add(await InScopeAsync(registry => registry.ApplyAsync(definition, CancellationToken.None)));
        }

        await using var services = Services.CreateAsyncScope();
        var resources = await services.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>()
            .ListResourcesAsync([scope.Name]).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EqualTo(new[]
            {
                ChangeOutcome.Created, ChangeOutcome.Unchanged, ChangeOutcome.Updated, ChangeOutcome.Unchanged, ChangeOutcome.Updated,
            }));
            Assert.That(resources, Is.EquivalentTo(new[] { "https://orders.example", "https://archive.example" }));
        });
    }

    [Test]
    public async Task Adding_a_scope_whose_name_is_taken_changes_nothing()
    {
        var scope = new ScopeDefinition { Name = Unique("invoices"), Resources = ["https://invoices.example"] };

        var added = await InScopeAsync(registry => registry.AddAsync(scope, CancellationToken.None));
        var again = await InScopeAsync(registry => registry.AddAsync(scope with { Resources = ["https://elsewhere.example"] }, CancellationToken.None));
        var exists = await InScopeAsync(registry => registry.ExistsAsync(scope.Name, CancellationToken.None));
        var unknown = await InScopeAsync(registry => registry.ExistsAsync(Unique("unknown"), CancellationToken.None));

        await using var services = Services.CreateAsyncScope();
        var resources = await services.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>()
            .ListResourcesAsync([scope.Name]).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(new[] { added, again, exists, unknown }, Is.EqualTo(new[] { true, false, true, false }));
            Assert.That(resources, Is.EqualTo(new[] { "https://invoices.example" }));
        });
    }

    private async Task<T> InScopeAsync<T>(Func<IScopeRegistry, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IScopeRegistry>());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
