using Auth.Domain.IdentityProviders;

namespace Auth.Domain.Tests.IdentityProviders;

/// <summary>The linking rules, each attacked by the upstream identity that would take over an account if the rule were missing.</summary>
public sealed class LinkingPolicyTests
{
    private const string Tenant = "0b8c2e4a-1111-2222-3333-444455556666";
    private const string OtherTenant = "9d9d9d9d-1111-2222-3333-444455556666";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Existing_link_wins_over_changed_upstream_claims()
    {
        // The link was made for alice; the upstream now says the person is bob, with bob's address.
        var decision = LinkingPolicy.ForLinkedUser(Candidate("alice-id", "alice@contoso.com"));

        Assert.That(decision, Is.EqualTo(new LinkDecision.SignIn("alice-id")));
        Assert.That(LinkingPolicy.ForLinkedUser(Candidate("alice-id", "alice@contoso.com") with { IsActive = false }),
            Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.UserInactive)), "a deactivated linked user is refused");
    }

    [Test]
    public void External_id_needs_the_configured_provisioning_client()
    {
        var provider = Okta(p => { p.ExternalIdClaim = "sub"; p.ProvisioningClient = "okta-scim"; });
        var upstream = Upstream(("sub", "00u1"));
        var byAnotherDirectory = Candidate("u1", "alice@contoso.com") with { ExternalId = "00u1", ExternalIdIssuer = "entra-scim" };
        var byItsOwn = Candidate("u2", "alice2@contoso.com") with { ExternalId = "00u1", ExternalIdIssuer = "okta-scim" };

        Assert.Multiple(() =>
        {
            Assert.That(FirstSignIn(provider, upstream, byAnotherDirectory), Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)));
            Assert.That(FirstSignIn(provider, upstream, byItsOwn), Is.EqualTo(new LinkDecision.Link("u2", LinkRule.ExternalId)));
            Assert.That(LinkingPolicy.Lookups(provider, upstream), Is.EqualTo(new[] { new CandidateLookup(LinkRule.ExternalId, "00u1") }));
        });
    }

    [Test]
    public void User_name_match_is_limited_to_users_the_provider_owns()
    {
        var provider = Okta(p => p.LinkByUserName = true);
        var upstream = Upstream(("sub", "00u1"), ("preferred_username", "admin@fabrikam.com"));
        var provisioned = Okta(p => { p.LinkByUserName = true; p.ProvisioningClient = "okta-scim"; });

        Assert.Multiple(() =>
        {
            Assert.That(FirstSignIn(provider, upstream, Candidate("u1", "admin@fabrikam.com")),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)), "a name outside the provider's domains");
            Assert.That(FirstSignIn(provider, Upstream(("sub", "00u1"), ("preferred_username", "alice@contoso.com")), Candidate("u2", "alice@contoso.com")),
                Is.EqualTo(new LinkDecision.Link("u2", LinkRule.UserName)));
            Assert.That(FirstSignIn(provisioned, Upstream(("sub", "00u1"), ("preferred_username", "alice@contoso.com")), Candidate("u2", "alice@contoso.com")),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)), "with a provisioning client, only the users it provisioned");
        });
    }

    [Test]
    public void Email_match_needs_email_verified_true()
    {
        var provider = Okta(p => p.LinkByVerifiedEmail = true);
        var user = Candidate("u1", "alice") with { EmailVerified = true, Emails = ["alice@contoso.com"] };

        Assert.Multiple(() =>
        {
            Assert.That(FirstSignIn(provider, Upstream(false, ("sub", "00u1"), ("email", "alice@contoso.com")), user),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)));
            Assert.That(FirstSignIn(provider, Upstream(null, ("sub", "00u1"), ("email", "alice@contoso.com")), user),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)), "an upstream that does not say is not a yes");
            Assert.That(FirstSignIn(provider, Upstream(true, ("sub", "00u1"), ("email", "ALICE@contoso.com")), user),
                Is.EqualTo(new LinkDecision.Link("u1", LinkRule.VerifiedEmail)));
            Assert.That(FirstSignIn(provider, Upstream(true, ("sub", "00u1"), ("email", "alice@contoso.com")), user with { EmailVerified = false }),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)), "the local address must be verified too");
        });
    }

    [Test]
    public void Email_match_needs_a_domain_the_provider_owns()
    {
        var provider = Okta(p => p.LinkByVerifiedEmail = true);
        var user = Candidate("u1", "ceo") with { EmailVerified = true, Emails = ["ceo@fabrikam.com"] };

        Assert.That(FirstSignIn(provider, Upstream(true, ("sub", "00u1"), ("email", "ceo@fabrikam.com")), user),
            Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)));
    }

    [Test]
    public void Email_match_is_never_used_for_multi_tenant_entra()
    {
        var provider = MultiTenantEntra(p => p.LinkByVerifiedEmail = true);
        var upstream = Upstream(true, ("oid", "o1"), ("tid", Tenant), ("email", "alice@contoso.com"));

        Assert.That(LinkingPolicy.Lookups(provider, upstream), Is.Empty);
        Assert.That(FirstSignIn(provider, upstream, Candidate("u1", "alice") with { EmailVerified = true, Emails = ["alice@contoso.com"] }),
            Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)));
    }

    [Test]
    public void Two_candidates_are_refused_as_ambiguous()
    {
        var provider = Okta(p => p.LinkByVerifiedEmail = true);
        var first = Candidate("u1", "alice") with { EmailVerified = true, Emails = ["alice@contoso.com"] };
        var second = Candidate("u2", "alice.smith") with { EmailVerified = true, Emails = ["alice@contoso.com"] };

        var decision = LinkingPolicy.ForFirstSignIn(provider, Upstream(true, ("sub", "00u1"), ("email", "alice@contoso.com")),
            [new CandidateMatches(new CandidateLookup(LinkRule.VerifiedEmail, "alice@contoso.com"), [first, second])], tombstone: false, userNameTaken: false);

        Assert.That(decision, Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.Ambiguous)));
    }

    [Test]
    public void Candidate_linked_to_another_provider_is_refused_unless_allowed()
    {
        var upstream = Upstream(("sub", "00u1"), ("preferred_username", "alice@contoso.com"));
        var linked = Candidate("u1", "alice@contoso.com") with { LinkedToAnotherProvider = true };

        Assert.Multiple(() =>
        {
            Assert.That(FirstSignIn(Okta(p => p.LinkByUserName = true), upstream, linked), Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.LinkedElsewhere)));
            Assert.That(FirstSignIn(Okta(p => { p.LinkByUserName = true; p.AllowAdditionalLinks = true; }), upstream, linked),
                Is.EqualTo(new LinkDecision.Link("u1", LinkRule.UserName)));
            Assert.That(FirstSignIn(Okta(p => { p.LinkByUserName = true; p.AllowAdditionalLinks = true; }), upstream, linked with { LinkedToThisProvider = true }),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.AlreadyLinked)), "one user never gets two identities of one provider");
        });
    }

    [Test]
    public void Jit_never_takes_an_existing_user_name()
    {
        var provider = Okta(p => p.JustInTime = true);
        var upstream = Upstream(("sub", "00u1"), ("preferred_username", "root"));

        Assert.Multiple(() =>
        {
            Assert.That(LinkingPolicy.ForFirstSignIn(provider, upstream, [], tombstone: false, userNameTaken: true),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.UserNameTaken)));
            Assert.That(LinkingPolicy.ForFirstSignIn(provider, upstream, [], tombstone: false, userNameTaken: false),
                Is.EqualTo(new LinkDecision.CreateUser("root")));
            Assert.That(LinkingPolicy.ForFirstSignIn(Okta(p => p.JustInTime = false), upstream, [], tombstone: false, userNameTaken: false),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.NoMatch)), "off by default");
            Assert.That(LinkingPolicy.ForFirstSignIn(provider, Upstream(("sub", "00u1"), ("preferred_username", " root\u200B")), [], tombstone: false, userNameTaken: false),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.InvalidUserName)));
        });
    }

    [Test]
    public void Jit_is_not_used_after_the_linked_user_was_deleted()
    {
        var provider = Okta(p => { p.JustInTime = true; p.LinkByUserName = true; });
        var upstream = Upstream(("sub", "00u1"), ("preferred_username", "alice@contoso.com"));

        Assert.Multiple(() =>
        {
            Assert.That(LinkingPolicy.ForFirstSignIn(provider, upstream, [], tombstone: true, userNameTaken: false),
                Is.EqualTo(new LinkDecision.Refuse(LinkRefusal.UserDeleted)));
            Assert.That(FirstSignIn(provider, upstream, Candidate("again", "alice@contoso.com"), tombstone: true),
                Is.EqualTo(new LinkDecision.Link("again", LinkRule.UserName)), "a user the directory provisioned again takes the identity back");
        });
    }

    [Test]
    public void Entra_subject_is_tenant_and_oid_not_sub()
    {
        var provider = SingleTenantEntra();
        var upstream = Upstream(("sub", "pairwise-per-app"), ("oid", "o1"), ("tid", Tenant.ToUpperInvariant()));

        Assert.That(LinkingPolicy.CheckUpstream(provider, upstream, out var subject), Is.Null);
        Assert.That(subject, Is.EqualTo($"{Tenant}:o1"));
        Assert.That(LinkingPolicy.CheckUpstream(provider, Upstream(("sub", "s"), ("oid", "o1")), out _), Is.EqualTo(LinkRefusal.NoSubject), "no tid");
    }

    [Test]
    public void Tenant_outside_the_allowed_list_is_refused()
    {
        var multi = MultiTenantEntra();
        var stranger = Upstream(("oid", "o1"), ("tid", OtherTenant)) with { Issuer = $"https://login.microsoftonline.com/{OtherTenant}/v2.0" };

        Assert.Multiple(() =>
        {
            Assert.That(LinkingPolicy.CheckUpstream(multi, stranger, out _), Is.EqualTo(LinkRefusal.WrongTenant));
            Assert.That(LinkingPolicy.CheckUpstream(SingleTenantEntra(), stranger, out _), Is.EqualTo(LinkRefusal.WrongTenant));
        });
    }

    [Test]
    public void Multi_tenant_entra_needs_iss_naming_the_tid()
    {
        var multi = MultiTenantEntra();
        var upstream = Upstream(("oid", "o1"), ("tid", Tenant));

        Assert.Multiple(() =>
        {
            Assert.That(LinkingPolicy.CheckUpstream(multi, upstream with { Issuer = $"https://login.microsoftonline.com/{OtherTenant}/v2.0" }, out _),
                Is.EqualTo(LinkRefusal.WrongIssuer));
            Assert.That(LinkingPolicy.CheckUpstream(multi, upstream with { Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0" }, out var subject),
                Is.Null);
            Assert.That(subject, Is.EqualTo($"{Tenant}:o1"));
        });
    }

    private static LinkDecision FirstSignIn(IdentityProvider provider, UpstreamIdentity upstream, LinkCandidate candidate, bool tombstone = false) =>
        LinkingPolicy.ForFirstSignIn(provider, upstream,
            LinkingPolicy.Lookups(provider, upstream).Select(lookup => new CandidateMatches(lookup, [candidate])), tombstone, userNameTaken: true);

    private static IdentityProvider Okta(Action<IdentityProvider> configure)
    {
        var provider = new IdentityProvider("okta", Now) { Kind = ProviderKind.Okta, Issuer = "https://contoso.okta.com", ClientId = "c" };
        provider.Domains.Add(new IdentityProviderDomain("contoso.com", provider.Id));
        configure(provider);
        return provider;
    }

    private static IdentityProvider SingleTenantEntra() =>
        new("entra", Now) { Kind = ProviderKind.Entra, Tenant = Tenant, SubjectClaim = "oid", ClientId = "c" };

    private static IdentityProvider MultiTenantEntra(Action<IdentityProvider>? configure = null)
    {
        var provider = new IdentityProvider("entra", Now)
        {
            Kind = ProviderKind.Entra,
            Tenant = "organizations",
            AllowedTenants = Tenant,
            SubjectClaim = "oid",
            ClientId = "c",
        };
        provider.Domains.Add(new IdentityProviderDomain("contoso.com", provider.Id));
        configure?.Invoke(provider);
        return provider;
    }

    private static UpstreamIdentity Upstream(params (string Type, string Value)[] claims) => Upstream(null, claims);

    private static UpstreamIdentity Upstream(bool? emailVerified, params (string Type, string Value)[] claims) =>
        new("p", $"https://login.microsoftonline.com/{Tenant}/v2.0", claims.ToDictionary(c => c.Type, c => c.Value), [], [], emailVerified);

    private static LinkCandidate Candidate(string id, string userName) =>
        new(id, userName, IsActive: true, null, null, EmailVerified: false, [], LinkedToThisProvider: false, LinkedToAnotherProvider: false);
}
