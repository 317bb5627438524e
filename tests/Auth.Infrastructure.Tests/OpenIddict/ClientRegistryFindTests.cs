using Auth.Application.Clients;
using Auth.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>A client read back from the registry (<see cref="IClientRegistry.FindAsync"/>) is what its definition stated, on each store.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ClientRegistryFindTests(DatabaseProvider provider) : OpenIddictAdapterTest(provider)
{
    [Test]
    public async Task A_client_read_back_has_every_setting_of_its_definition_and_no_secret()
    {
        var definition = new ClientDefinition
        {
            ClientId = Unique("portal"),
            ClientSecret = "a-secret-of-some-length",
            DisplayName = "Portal",
            GrantTypes = [ClientGrantTypes.RefreshToken, ClientGrantTypes.AuthorizationCode],
            Scopes = ["profile", "openid"],
            RedirectUris = ["https://portal.example/b", "https://portal.example/a"],
            PostLogoutRedirectUris = ["https://portal.example/bye"],
            AccessTokenLifetime = 300,
            RefreshTokenLifetime = 86_400,
            RefreshTokenAbsoluteLifetime = 604_800,
            FirstParty = false,
            RequireMfa = true,
            RequirePkce = false,
            GroupsClaim = GroupsClaimValue.Id,
            BackchannelLogoutUri = "https://portal.example/backchannel-logout",
            BackchannelLogoutSessionRequired = false,
            ClientUri = "https://portal.example/",
            Contacts = ["portal-team@portal.example", "security@portal.example"],
        };
        await InScopeAsync(registry => registry.AddAsync(definition, CancellationToken.None));

        var found = await InScopeAsync(registry => registry.FindAsync(definition.ClientId, CancellationToken.None));

        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.ClientId, Is.EqualTo(definition.ClientId));
            Assert.That(found.DisplayName, Is.EqualTo("Portal"));
            Assert.That(found.ClientType, Is.EqualTo("confidential"));
            Assert.That(found.FirstParty, Is.False);
            Assert.That(found.RequirePkce, Is.False);
            Assert.That(found.RequireMfa, Is.True);
            Assert.That(found.GrantTypes, Is.EqualTo(new[] { "authorization_code", "refresh_token" }));
            Assert.That(found.Scopes, Is.EqualTo(new[] { "openid", "profile" }));
            Assert.That(found.RedirectUris, Is.EqualTo(new[] { "https://portal.example/a", "https://portal.example/b" }));
            Assert.That(found.PostLogoutRedirectUris, Is.EqualTo(new[] { "https://portal.example/bye" }));
            Assert.That((found.AccessTokenLifetime, found.RefreshTokenLifetime, found.RefreshTokenAbsoluteLifetime), Is.EqualTo((300, 86_400, 604_800)));
            Assert.That(found.GroupsClaim, Is.EqualTo(GroupsClaimValue.Id));
            Assert.That(found.BackchannelLogoutUri, Is.EqualTo("https://portal.example/backchannel-logout"));
            Assert.That(found.BackchannelLogoutSessionRequired, Is.False);
            Assert.That(found.ClientUri, Is.EqualTo("https://portal.example/"));
            Assert.That(found.Contacts, Is.EqualTo(new[] { "portal-team@portal.example", "security@portal.example" }), "in the order given");
        });
    }

    [Test]
    public async Task A_public_client_with_the_defaults_reads_back_as_the_defaults()
    {
        var definition = new ClientDefinition
        {
            ClientId = Unique("spa"),
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            RedirectUris = ["https://spa.example/cb"],
        };
        await InScopeAsync(registry => registry.AddAsync(definition, CancellationToken.None));

        var found = await InScopeAsync(registry => registry.FindAsync(definition.ClientId, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(found!.ClientType, Is.EqualTo("public"));
            Assert.That(found.DisplayName, Is.EqualTo(definition.ClientId), "the display name defaults to the id");
            Assert.That(found.FirstParty, Is.True);
            Assert.That(found.RequirePkce, Is.True);
            Assert.That(found.RequireMfa, Is.False);
            Assert.That(found.PostLogoutRedirectUris, Is.Empty);
            Assert.That(new[] { found.AccessTokenLifetime, found.RefreshTokenLifetime, found.RefreshTokenAbsoluteLifetime }, Is.All.Null);
            Assert.That(found.GroupsClaim, Is.EqualTo(GroupsClaimValue.DisplayName));
            Assert.That(found.BackchannelLogoutUri, Is.Null);
            Assert.That(found.BackchannelLogoutSessionRequired, Is.True);
        });
    }

    [Test]
    public async Task An_unknown_client_is_not_found() =>
        Assert.That(await InScopeAsync(registry => registry.FindAsync(Unique("unknown"), CancellationToken.None)), Is.Null);

    private async Task<T> InScopeAsync<T>(Func<IClientRegistry, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IClientRegistry>());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
