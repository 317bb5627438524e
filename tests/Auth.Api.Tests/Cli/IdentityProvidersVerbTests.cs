using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary>
/// The identity-providers verb and the seed file's identityProviders[], run through the service's own executable on
/// each store. No server: what the running server does with a provider is the federation tests' subject.
/// </summary>
[TestFixtureSource(typeof(Stores), nameof(Stores.All))]
public sealed class IdentityProvidersVerbTests(StoreKind storeKind)
{
    private const string Secret = "fabrikam-client-secret-0042";
    private TestStore _store = null!;

    [OneTimeSetUp]
    public async Task CreateStore() => _store = await TestStore.CreateAsync(storeKind);

    [OneTimeTearDown]
    public async Task DeleteStore() => await _store.DisposeAsync();

    [Test]
    public async Task A_provider_added_on_the_command_line_is_listed_without_its_secret_and_removed()
    {
        var added = await RunAsync("identity-providers", "add", "--id", "fabrikam", "--name", "Fabrikam (Okta)", "--kind", "okta",
            "--issuer", "https://fabrikam.okta.com/oauth2/default", "--client-id", "0oa1", "--client-secret", Secret,
            "--domain", "fabrikam.com", "--link-username");
        Assert.That(added.ExitCode, Is.Zero, added.Error);

        var listed = await RunAsync("identity-providers", "list");
        var again = await RunAsync("identity-providers", "add", "--id", "fabrikam", "--name", "Other", "--issuer", "https://other.example.com",
            "--client-id", "x", "--client-secret", Secret, "--jit");
        var removed = await RunAsync("identity-providers", "remove", "--id", "fabrikam");
        var afterwards = await RunAsync("identity-providers", "list");
        var removedTwice = await RunAsync("identity-providers", "remove", "--id", "fabrikam");

        Assert.Multiple(() =>
        {
            Assert.That(listed.Output, Does.Contain("fabrikam\tokta\thttps://fabrikam.okta.com/oauth2/default\t0oa1\tclient_secret_basic\tdomains=fabrikam.com\trules=userName\tenabled"));
            Assert.That(listed.Output + listed.Error + added.Output + added.Error, Does.Not.Contain(Secret), "a secret is never printed back");
            Assert.That(again.ExitCode, Is.EqualTo(1));
            Assert.That(again.Error, Does.Contain("already exists"));
            Assert.That(removed.ExitCode, Is.Zero, removed.Error);
            Assert.That(afterwards.Output, Does.Not.Contain("fabrikam"));
            Assert.That(removedTwice.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_invalid_provider_is_refused_with_the_member_named()
    {
        var refused = await RunAsync("identity-providers", "add", "--id", "Bad_Id", "--name", "Bad", "--issuer", "http://idp.example.com",
            "--client-id", "x", "--client-secret", Secret);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1), "a definition the rules refuse is a failure, not a usage mistake");
            Assert.That(refused.Error, Does.Contain("id:").And.Contain("issuer:").And.Contain("linking:"));
            Assert.That(refused.Error, Does.Not.Contain(Secret));
        });
    }

    [Test]
    public async Task A_private_key_jwt_provider_prints_the_certificate_to_give_the_upstream()
    {
        var added = await RunAsync("identity-providers", "add", "--id", "contoso", "--name", "Contoso (Entra ID)", "--kind", "entra",
            "--tenant", "0b8c2e4a-1111-2222-3333-444455556666", "--client-id", "5f0c", "--auth", "private_key_jwt", "--jit");
        var certificate = await RunAsync("identity-providers", "certificate", "--id", "contoso");
        var listed = await RunAsync("identity-providers", "list");

        Assert.Multiple(() =>
        {
            Assert.That(added.ExitCode, Is.Zero, added.Error);
            Assert.That(added.Output, Does.Contain("-----BEGIN CERTIFICATE-----"));
            Assert.That(certificate.Output.Trim(), Does.StartWith("-----BEGIN CERTIFICATE-----").And.EndWith("-----END CERTIFICATE-----"));
            Assert.That(listed.Output, Does.Contain("contoso\tentra\thttps://login.microsoftonline.com/0b8c2e4a-1111-2222-3333-444455556666/v2.0\t5f0c\tprivate_key_jwt("));
            Assert.That(listed.Output + added.Output, Does.Not.Contain("PRIVATE KEY"));
        });
    }

    [Test]
    public async Task A_seed_file_declares_providers_and_applying_it_again_changes_nothing()
    {
        var seedFile = Path.Combine(_store.DataDirectory, "providers-seed.json");
        await File.WriteAllTextAsync(seedFile, $$"""
            {
              "clients": [ { "clientId": "okta-scim", "clientSecret": "okta-scim-secret-0042", "grantTypes": ["client_credentials"] } ],
              "identityProviders": [
                {
                  "id": "seeded-okta", "displayName": "Seeded Okta", "kind": "okta", "issuer": "https://seeded.okta.com",
                  "clientId": "0oa2", "clientSecret": "{{Secret}}", "domains": ["seeded.example"],
                  "claims": { "userName": "login" },
                  "linking": { "externalIdClaim": "sub", "provisioningClient": "okta-scim", "userName": true },
                  "mfa": { "trustUpstream": true, "acrValues": ["phr"] },
                  "upstreamLogout": true
                }
              ]
            }
            """);

        var first = await RunAsync("seed", "--file", seedFile);
        var second = await RunAsync("seed", "--file", seedFile);
        var listed = await RunAsync("identity-providers", "list");

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Error);
            Assert.That(second.Output, Does.Contain("0 created, 0 updated"));
            Assert.That(listed.Output, Does.Contain("seeded-okta\tokta\thttps://seeded.okta.com\t0oa2\tclient_secret_basic\tdomains=seeded.example\trules=externalId,userName\tenabled"));
        });
    }

    [Test]
    public async Task A_seed_file_entry_the_rules_refuse_is_named_with_its_member()
    {
        var seedFile = Path.Combine(_store.DataDirectory, "bad-providers-seed.json");
        await File.WriteAllTextAsync(seedFile, """
            { "identityProviders": [ { "id": "multi", "displayName": "Multi", "kind": "entra", "tenant": "organizations",
                                       "allowedTenants": ["0b8c2e4a-1111-2222-3333-444455556666"], "clientId": "x",
                                       "clientAuthentication": "private_key_jwt", "domains": ["multi.example"],
                                       "linking": { "verifiedEmail": true } } ] }
            """);
        var unknownMember = Path.Combine(_store.DataDirectory, "misspelt-providers-seed.json");
        await File.WriteAllTextAsync(unknownMember, """{ "identityProviders": [ { "id": "x", "displayName": "X", "clientId": "x", "isuer": "https://x" } ] }""");

        var refused = await RunAsync("seed", "--file", seedFile);
        var misspelt = await RunAsync("seed", "--file", unknownMember);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("identityProviders[0] ('multi'): linking.verifiedEmail:"));
            Assert.That(misspelt.ExitCode, Is.EqualTo(1));
            Assert.That(misspelt.Error, Does.Contain("isuer"));
        });
    }

    private Task<AuthExecutable.Outcome> RunAsync(params string[] args) => AuthExecutable.RunAsync(_store, args);
}
