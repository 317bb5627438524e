using Auth.Application.Clients;
using Auth.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>The client registry on OpenIddict's application manager, as the host wires it, on each store.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ClientRegistryTests(DatabaseProvider provider) : OpenIddictAdapterTest(provider)
{
    [Test]
    public async Task Applying_a_definition_again_changes_nothing_and_a_changed_one_is_updated()
    {
        var client = Confidential(Unique("billing"));

        var outcomes = new List<ChangeOutcome>();
        foreach (var definition in new[]
        {
            client,
            client,
            client with { ClientSecret = "another-secret-of-some-length" },
            client with { ClientSecret = "another-secret-of-some-length" },
            client with { ClientSecret = "another-secret-of-some-length", DisplayName = "Billing" },
            client with { ClientSecret = "another-secret-of-some-length", DisplayName = "Billing", Scopes = [] },
        })
        {
            outcomes.Add(await InScopeAsync(registry => registry.ApplyAsync(definition, CancellationToken.None)));
        }

        Assert.That(outcomes, Is.EqualTo(new[]
        {
            ChangeOutcome.Created, ChangeOutcome.Unchanged, ChangeOutcome.Updated, ChangeOutcome.Unchanged, ChangeOutcome.Updated, ChangeOutcome.Updated,
        }));
    }

    [Test]
    public async Task A_public_client_applied_again_is_unchanged_and_given_a_secret_is_updated()
    {
        var client = new ClientDefinition
        {
            ClientId = Unique("spa"),
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            RedirectUris = ["https://spa.example/callback"],
        };

        var first = await InScopeAsync(registry => registry.ApplyAsync(client, CancellationToken.None));
        var again = await InScopeAsync(registry => registry.ApplyAsync(client, CancellationToken.None));
        var confidential = await InScopeAsync(registry => registry.ApplyAsync(client with { ClientSecret = "now-it-has-a-secret" }, CancellationToken.None));

        Assert.That(new[] { first, again, confidential }, Is.EqualTo(new[] { ChangeOutcome.Created, ChangeOutcome.Unchanged, ChangeOutcome.Updated }));
    }

    [Test]
    public async Task Adding_a_client_whose_id_is_taken_changes_nothing()
    {
        var client = Confidential(Unique("taken")) with { DisplayName = "First" };

        var added = await InScopeAsync(registry => registry.AddAsync(client, CancellationToken.None));
        var again = await InScopeAsync(registry => registry.AddAsync(client with { DisplayName = "Second" }, CancellationToken.None));
        var listed = await InScopeAsync(registry => registry.ListAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.True);
            Assert.That(again, Is.False);
            Assert.That(listed.Single(c => c.ClientId == client.ClientId).DisplayName, Is.EqualTo("First"));
        });
    }

    [Test]
    public async Task A_definition_becomes_openiddict_permissions_requirements_and_settings()
    {
        var client = new ClientDefinition
        {
            ClientId = Unique("portal"),
            ClientSecret = "portal-secret-of-some-length",
            GrantTypes = [ClientGrantTypes.AuthorizationCode, ClientGrantTypes.RefreshToken],
            Scopes = ["openid", "orders"],
            RedirectUris = ["https://portal.example/callback"],
            PostLogoutRedirectUris = ["https://portal.example/"],
            AccessTokenLifetime = 300,
            RefreshTokenAbsoluteLifetime = 3600,
            FirstParty = false,
            RequireMfa = true,
            RequirePkce = false,
        };
        await InScopeAsync(registry => registry.ApplyAsync(client, CancellationToken.None));

        await using var scope = Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(client.ClientId);
        var permissions = await applications.GetPermissionsAsync(application!);
        var requirements = await applications.GetRequirementsAsync(application!);
        var consentType = await applications.GetConsentTypeAsync(application!);
        var clientType = await applications.GetClientTypeAsync(application!);
        var settings = await applications.GetSettingsAsync(application!);

        Assert.Multiple(() =>
        {
            Assert.That(permissions, Is.EquivalentTo(new[]
            {
                Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.Endpoints.Authorization, Permissions.Endpoints.PushedAuthorization, Permissions.Endpoints.EndSession, Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + "openid", Permissions.Prefixes.Scope + "orders",
            }));
            Assert.That(requirements, Is.Empty, "A confidential client may be let off PKCE.");
            Assert.That(consentType, Is.EqualTo(ConsentTypes.Explicit));
            Assert.That(clientType, Is.EqualTo(ClientTypes.Confidential));
            Assert.That(settings, Is.EquivalentTo(new Dictionary<string, string>
            {
                [ClientSettings.RequireMfa] = "true",
                [ClientSettings.RefreshTokenAbsoluteLifetime] = "01:00:00",
                [Settings.TokenLifetimes.AccessToken] = "00:05:00",
            }));
        });
    }

    [Test]
    public async Task A_token_exchange_client_gets_the_grant_permission_and_reads_back_with_the_grant()
    {
        var client = Confidential(Unique("exchanger")) with { GrantTypes = [ClientGrantTypes.TokenExchange], Scopes = ["orders"] };
        await InScopeAsync(registry => registry.ApplyAsync(client, CancellationToken.None));

        await using var scope = Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var permissions = await applications.GetPermissionsAsync((await applications.FindByClientIdAsync(client.ClientId))!);
        var details = await InScopeAsync(registry => registry.FindAsync(client.ClientId, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(permissions, Is.EquivalentTo(new[]
            {
                Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.TokenExchange, Permissions.Prefixes.Scope + "orders",
            }));
            Assert.That(details!.GrantTypes, Is.EqualTo(new[] { ClientGrantTypes.TokenExchange }));
            Assert.That(details.IsConfidential, Is.True);
        });
    }

    [Test]
    public async Task Group_ids_in_the_groups_claim_are_a_setting_and_display_names_are_the_default()
    {
        var byName = Confidential(Unique("names")) with { GroupsClaim = GroupsClaimValue.DisplayName };
        var byId = Confidential(Unique("ids")) with { GroupsClaim = GroupsClaimValue.Id };
        await InScopeAsync(registry => registry.ApplyAsync(byName, CancellationToken.None));
        await InScopeAsync(registry => registry.ApplyAsync(byId, CancellationToken.None));
        var nameSettings = await SettingsAsync(byName.ClientId);
        var idSettings = await SettingsAsync(byId.ClientId);
        var again = await InScopeAsync(registry => registry.ApplyAsync(byId, CancellationToken.None));
        var changed = await InScopeAsync(registry => registry.ApplyAsync(byId with { GroupsClaim = null }, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(nameSettings.ContainsKey(ClientSettings.GroupsClaim), Is.False);
            Assert.That(idSettings[ClientSettings.GroupsClaim], Is.EqualTo(GroupsClaimValue.Id));
            Assert.That(again, Is.EqualTo(ChangeOutcome.Unchanged));
            Assert.That(changed, Is.EqualTo(ChangeOutcome.Updated), "going back to displayNames removes the setting");
        });
    }

    private async Task<IReadOnlyDictionary<string, string>> SettingsAsync(string clientId)
    {
        await using var scope = Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        return await applications.GetSettingsAsync((await applications.FindByClientIdAsync(clientId))!);
    }

    [Test]
    public async Task A_public_client_must_use_pkce_and_may_not_introspect_or_revoke()
    {
        var client = new ClientDefinition
        {
            ClientId = Unique("native"),
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            RedirectUris = ["com.example.app:/callback"],
            RequirePkce = false,
        };
        await InScopeAsync(registry => registry.ApplyAsync(client, CancellationToken.None));

        await using var scope = Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(client.ClientId);
        var requirements = await applications.GetRequirementsAsync(application!);
        var permissions = await applications.GetPermissionsAsync(application!);
        var consentType = await applications.GetConsentTypeAsync(application!);

        Assert.Multiple(() =>
        {
            Assert.That(requirements, Is.EqualTo(new[] { Requirements.Features.ProofKeyForCodeExchange }));
            Assert.That(permissions, Has.None.EqualTo(Permissions.Endpoints.Introspection).And.None.EqualTo(Permissions.Endpoints.Revocation));
            Assert.That(consentType, Is.EqualTo(ConsentTypes.Implicit));
        });
    }

    [Test]
    public async Task The_list_tells_each_client_in_the_use_cases_words()
    {
        var client = Confidential(Unique("listed")) with
        {
            GrantTypes = [ClientGrantTypes.RefreshToken, ClientGrantTypes.AuthorizationCode],
            Scopes = ["orders", "openid"],
            RedirectUris = ["https://b.example/cb", "https://a.example/cb"],
        };
        await InScopeAsync(registry => registry.ApplyAsync(client, CancellationToken.None));

        var listed = (await InScopeAsync(registry => registry.ListAsync(CancellationToken.None))).Single(c => c.ClientId == client.ClientId);

        Assert.Multiple(() =>
        {
            Assert.That(listed.ClientType, Is.EqualTo("confidential"));
            Assert.That(listed.DisplayName, Is.EqualTo(client.ClientId));
            Assert.That(listed.GrantTypes, Is.EqualTo(new[] { ClientGrantTypes.AuthorizationCode, ClientGrantTypes.RefreshToken }));
            Assert.That(listed.Scopes, Is.EqualTo(new[] { "openid", "orders" }));
            Assert.That(listed.RedirectUris, Is.EqualTo(new[] { "https://a.example/cb", "https://b.example/cb" }));
        });
    }

    [Test]
    public async Task A_removed_client_is_gone_and_removing_it_again_finds_nothing()
    {
        var client = Confidential(Unique("removed"));
        await InScopeAsync(registry => registry.AddAsync(client, CancellationToken.None));

        var removed = await InScopeAsync(registry => registry.RemoveAsync(client.ClientId, CancellationToken.None));
        var exists = await InScopeAsync(registry => registry.ExistsAsync(client.ClientId, CancellationToken.None));
        var again = await InScopeAsync(registry => registry.RemoveAsync(client.ClientId, CancellationToken.None));

        Assert.That(new[] { removed, exists, again }, Is.EqualTo(new[] { true, false, false }));
    }

    private static ClientDefinition Confidential(string clientId) => new()
    {
        ClientId = clientId,
        ClientSecret = "a-secret-of-some-length",
        GrantTypes = [ClientGrantTypes.ClientCredentials],
        Scopes = ["orders"],
    };

    private async Task<T> InScopeAsync<T>(Func<IClientRegistry, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IClientRegistry>());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
