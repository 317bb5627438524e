using Auth.Application.IdentityProviders;

namespace Auth.Application.Tests.IdentityProviders;

/// <summary>Each refusal names the member it is about, as the seed file spells it.</summary>
public sealed class IdentityProviderDefinitionValidatorTests
{
    private const string Tenant = "0b8c2e4a-1111-2222-3333-444455556666";
    private readonly IdentityProviderDefinitionValidator _validator = new();

    [Test]
    public void Well_formed_okta_and_entra_definitions_are_valid()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Messages(Okta()), Is.Empty);
            Assert.That(Messages(Entra()), Is.Empty);
            Assert.That(Messages(Entra() with { Tenant = "organizations", AllowedTenants = [Tenant] }), Is.Empty);
            Assert.That(Messages(Okta() with { Issuer = "http://127.0.0.1:5001/" }), Is.Empty, "http on loopback, for local development");
        });
    }

    [TestCase("http://okta.example.com")]
    [TestCase("https://okta.example.com/?tenant=1")]
    [TestCase("https://okta.example.com/#x")]
    [TestCase("okta.example.com")]
    public void Http_issuer_off_loopback_names_issuer(string issuer) =>
        Assert.That(Messages(Okta() with { Issuer = issuer }), Has.Some.StartWith("issuer:"));

    [TestCase("Okta")]
    [TestCase("okta_1")]
    [TestCase("-okta")]
    [TestCase("failed")]
    [TestCase("")]
    public void Uppercase_or_reserved_id_names_id(string id) =>
        Assert.That(Messages(Okta() with { Id = id }), Has.Some.StartWith("id:"));

    [Test]
    public void Scopes_without_openid_names_scopes() =>
        Assert.That(Messages(Okta() with { Scopes = ["profile", "email"] }), Has.Some.StartWith("scopes:"));

    [Test]
    public void Secret_and_private_key_jwt_together_names_clientSecret()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Messages(Okta() with { ClientAuthentication = "private_key_jwt" }), Has.Some.StartWith("clientSecret:"));
            Assert.That(Messages(Okta() with { ClientSecret = null }), Has.Some.StartWith("clientSecret:"), "a secret method without a secret");
            Assert.That(Messages(Okta() with { ClientAuthentication = "private_key_jwt", ClientSecret = null }), Is.Empty);
            Assert.That(Messages(Okta() with { ClientAuthentication = "tls_client_auth" }), Has.Some.StartWith("clientAuthentication:"));
        });
    }

    [Test]
    public void External_id_rule_without_provisioning_client_names_linking() =>
        Assert.That(Messages(Okta() with { Linking = new IdentityProviderLinking { ExternalIdClaim = "sub" } }), Has.Some.StartWith("linking:"));

    [Test]
    public void Verified_email_for_multi_tenant_entra_names_linking_verifiedEmail()
    {
        var multi = Entra() with { Tenant = "common", AllowedTenants = [Tenant], Linking = new IdentityProviderLinking { VerifiedEmail = true } };

        Assert.Multiple(() =>
        {
            Assert.That(Messages(multi), Has.Some.StartWith("linking.verifiedEmail:"));
            Assert.That(Messages(Okta() with { Domains = [], Linking = new IdentityProviderLinking { VerifiedEmail = true } }),
                Has.Some.StartWith("linking.verifiedEmail:"), "e-mail linking needs the domains the provider owns");
        });
    }

    [Test]
    public void Multi_tenant_entra_without_allowed_tenants_names_allowedTenants()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Messages(Entra() with { Tenant = "organizations" }), Has.Some.StartWith("allowedTenants:"));
            Assert.That(Messages(Entra() with { Tenant = "consumers" }), Has.Some.StartWith("tenant:"));
            Assert.That(Messages(Entra() with { Claims = new IdentityProviderClaims { Subject = "sub" } }), Has.Some.StartWith("claims.subject:"));
        });
    }

    [Test]
    public void No_rule_and_no_jit_names_linking() =>
        Assert.That(Messages(Okta() with { Linking = new IdentityProviderLinking() }), Has.Some.StartWith("linking:"));

    [Test]
    public void Malformed_domains_and_claim_names_name_their_member()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Messages(Okta() with { Domains = ["not a domain"] }), Has.Some.StartWith("domains:"));
            Assert.That(Messages(Okta() with { Domains = ["contoso.com", "CONTOSO.com"] }), Has.Some.StartWith("domains:"));
            Assert.That(Messages(Okta() with { Claims = new IdentityProviderClaims { Email = "e mail" } }), Has.Some.StartWith("claims.email:"));
            Assert.That(Messages(Okta() with { Kind = "saml" }), Has.Some.StartWith("kind:"));
        });
    }

    [Test]
    public void Definition_to_string_never_shows_the_secret()
    {
        var text = Okta().ToString();

        Assert.That(text, Does.Not.Contain("okta-client-secret-0042"));
        Assert.That(text, Does.Contain("ClientSecret = ***"));
    }

    private List<string> Messages(IdentityProviderDefinition definition) =>
        [.. _validator.Validate(definition).Errors.Select(e => e.ErrorMessage)];

    private static IdentityProviderDefinition Okta() => new()
    {
        Id = "fabrikam",
        DisplayName = "Fabrikam (Okta)",
        Kind = "okta",
        Issuer = "https://fabrikam.okta.com/oauth2/default",
        ClientId = "0oa1",
        ClientSecret = "okta-client-secret-0042",
        Domains = ["fabrikam.com"],
        Linking = new IdentityProviderLinking { ExternalIdClaim = "sub", ProvisioningClient = "okta-scim" },
    };

    private static IdentityProviderDefinition Entra() => new()
    {
        Id = "contoso",
        DisplayName = "Contoso (Entra ID)",
        Kind = "entra",
        Tenant = Tenant,
        ClientId = "5f0c",
        ClientAuthentication = "private_key_jwt",
        Linking = new IdentityProviderLinking { ExternalIdClaim = "oid", ProvisioningClient = "entra-scim" },
    };
}
