using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Scopes;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>
/// What the admin API asks of the registries, on each store: versions that move with every change and only then, a
/// replacement that keeps the secret, and a rotation that keeps the previous secret's hash until a stated time.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ClientRegistryVersionAndRotationTests(DatabaseProvider provider) : OpenIddictAdapterTest(provider)
{
    private const string Secret = "a-secret-of-some-length";

    [Test]
    public async Task A_replacement_keeps_the_secret_and_moves_the_version_only_when_something_changed()
    {
        var client = Confidential(Unique("replaced"));
        await InScopeAsync(registry => registry.AddAsync(client, CancellationToken.None));
        var before = (await InScopeAsync(registry => registry.FindAsync(client.ClientId, CancellationToken.None)))!.Version;

        var renamed = client with { ClientSecret = null, DisplayName = "Renamed" };
        var changed = await InScopeAsync(registry => registry.ReplaceKeepingSecretAsync(renamed, CancellationToken.None));
        var again = await InScopeAsync(registry => registry.ReplaceKeepingSecretAsync(renamed, CancellationToken.None));
        var unknown = await InScopeAsync(registry => registry.ReplaceKeepingSecretAsync(renamed with { ClientId = Unique("nobody") }, CancellationToken.None));
        var found = await InScopeAsync(registry => registry.FindAsync(client.ClientId, CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.Not.Null.And.Not.Empty);
            Assert.That(changed, Is.Not.EqualTo(before));
            Assert.That(again, Is.EqualTo(changed), "the same definition again changes nothing");
            Assert.That(unknown, Is.Null);
            Assert.That(found!.Version, Is.EqualTo(changed));
            Assert.That(found.DisplayName, Is.EqualTo("Renamed"));
            Assert.That(found.ClientType, Is.EqualTo("confidential"));
            Assert.That(await SecretWorksAsync(client.ClientId, Secret), Is.True, "the secret is kept");
        });
    }

    [Test]
    public async Task The_self_registered_mark_is_written_at_creation_or_by_a_replacement_and_never_cleared()
    {
        var registered = Confidential(Unique("self")) with { SelfRegistered = true };
        var seeded = Confidential(Unique("seeded"));
        var legacy = Confidential(Unique("legacy"));
        await InScopeAsync(registry => registry.AddAsync(registered, CancellationToken.None));
        await InScopeAsync(registry => registry.AddAsync(seeded, CancellationToken.None));
        await InScopeAsync(registry => registry.AddAsync(legacy, CancellationToken.None));

        // Unmarked by nothing: a replacement (admin API, console) and a seed file's apply that do not state it.
        await InScopeAsync(registry => registry.ReplaceKeepingSecretAsync(registered with { ClientSecret = null, SelfRegistered = false, DisplayName = "Edited" }, CancellationToken.None));
        await InScopeAsync(registry => registry.ApplyAsync(registered with { SelfRegistered = false, DisplayName = "Seeded" }, CancellationToken.None));

        // Marked by an RFC 7592 replacement (a client registered before the mark existed), not by a seed file's apply.
        var unchangedVersion = (await InScopeAsync(registry => registry.FindAsync(legacy.ClientId, CancellationToken.None)))!.Version;
        var markedVersion = await InScopeAsync(registry => registry.ReplaceKeepingSecretAsync(legacy with { ClientSecret = null, SelfRegistered = true }, CancellationToken.None));
        await InScopeAsync(registry => registry.ApplyAsync(seeded with { SelfRegistered = true, DisplayName = "Seeded" }, CancellationToken.None));
        var self = await InScopeAsync(registry => registry.FindAsync(registered.ClientId, CancellationToken.None));
        var marked = await InScopeAsync(registry => registry.FindAsync(legacy.ClientId, CancellationToken.None));
        var other = await InScopeAsync(registry => registry.FindAsync(seeded.ClientId, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(self!.DisplayName, Is.EqualTo("Seeded"), "both changes were written");
            Assert.That(self.SelfRegistered, Is.True);
            Assert.That(marked!.SelfRegistered, Is.True, "the definition is the same otherwise: the mark alone is written");
            Assert.That(markedVersion, Is.Not.EqualTo(unchangedVersion));
            Assert.That(other!.DisplayName, Is.EqualTo("Seeded"));
            Assert.That(other.SelfRegistered, Is.False);
        });
    }

    [Test]
    public async Task A_rotation_with_an_overlap_accepts_both_secrets_and_one_without_only_the_new()
    {
        var overlapping = Confidential(Unique("overlap"));
        var atOnce = Confidential(Unique("at-once"));
        await InScopeAsync(registry => registry.AddAsync(overlapping, CancellationToken.None));
        await InScopeAsync(registry => registry.AddAsync(atOnce, CancellationToken.None));
        var now = DateTimeOffset.UtcNow;

        await InScopeAsync(registry => registry.RotateSecretAsync(overlapping.ClientId, "the-new-secret-0001", now, now.AddHours(1), CancellationToken.None));
        await InScopeAsync(registry => registry.RotateSecretAsync(atOnce.ClientId, "the-new-secret-0002", now, null, CancellationToken.None));
        var unknown = await InScopeAsync(registry => registry.RotateSecretAsync(Unique("nobody"), "the-new-secret-0003", now, null, CancellationToken.None));
        var found = await InScopeAsync(registry => registry.FindAsync(overlapping.ClientId, CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(await SecretWorksAsync(overlapping.ClientId, Secret), Is.True, "the previous secret, during the overlap");
            Assert.That(await SecretWorksAsync(overlapping.ClientId, "the-new-secret-0001"), Is.True);
            Assert.That(await SecretWorksAsync(atOnce.ClientId, Secret), Is.False, "no overlap: the previous secret stops at once");
            Assert.That(await SecretWorksAsync(atOnce.ClientId, "the-new-secret-0002"), Is.True);
            Assert.That(unknown, Is.False);
            Assert.That(found!.SecretRotatedAt, Is.EqualTo(now).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(found.PreviousSecretValidUntil, Is.EqualTo(now.AddHours(1)).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    [Test]
    public async Task A_scopes_version_moves_with_a_change()
    {
        var scope = new ScopeDefinition { Name = Unique("invoices"), Resources = ["invoices-api"] };
        await InServicesAsync(sp => sp.GetRequiredService<IScopeRegistry>().AddAsync(scope, CancellationToken.None));
        var before = await InServicesAsync(sp => sp.GetRequiredService<IScopeRegistry>().FindAsync(scope.Name, CancellationToken.None));

        await InServicesAsync(sp => sp.GetRequiredService<IScopeRegistry>().ApplyAsync(scope with { DisplayName = "Invoices" }, CancellationToken.None));
        var after = await InServicesAsync(sp => sp.GetRequiredService<IScopeRegistry>().FindAsync(scope.Name, CancellationToken.None));
        var unknown = await InServicesAsync(sp => sp.GetRequiredService<IScopeRegistry>().FindAsync(Unique("nobody"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(before!.Version, Is.Not.Null.And.Not.Empty);
            Assert.That(after!.Version, Is.Not.EqualTo(before.Version));
            Assert.That(after.Definition.DisplayName, Is.EqualTo("Invoices"));
            Assert.That(unknown, Is.Null);
        });
    }

    private async Task<bool> SecretWorksAsync(string clientId, string secret)
    {
        await using var scope = Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId);
        return application is not null && await applications.ValidateClientSecretAsync(application, secret);
    }

    private static ClientDefinition Confidential(string clientId) => new()
    {
        ClientId = clientId,
        ClientSecret = Secret,
        GrantTypes = [ClientGrantTypes.ClientCredentials],
    };

    private Task<T> InScopeAsync<T>(Func<IClientRegistry, Task<T>> use) =>
        InServicesAsync(sp => use(sp.GetRequiredService<IClientRegistry>()));

    private async Task<T> InServicesAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
