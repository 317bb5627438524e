using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Domain.IdentityProviders;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// The linking rules (docs/security.md, "Linking to local users") attacked through the real pages with real upstreams.
/// Each test checks the answer, the audit records and what the store kept.
/// </summary>
public sealed class FederatedLinkingTests(StoreKind store) : FederatedDirectoryTest(store)
{
    [Test]
    public async Task Provisioned_user_signs_in_by_external_id_and_is_linked()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("provisioned", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid);
        // The upstream's name is not the local one: only the externalId the SCIM client set can link them.
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = NewName("upstream", "contoso.test") });

        var subject = await SignInForSubjectAsync(Entra, oid);

        var links = await StoredFederation.LinksAsync(Server, Entra);
        var events = await EventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(subject, Is.EqualTo(userId));
            Assert.That(links.Where(l => l.UserId == userId).Select(l => (l.UpstreamSubject, l.LinkedBy)),
                Is.EqualTo(new[] { ($"{EntraSettings.Tenant}:{oid}", LinkRule.ExternalId) }), "the link goes by tid and oid, never by the pairwise sub");
            Assert.That(events, Is.EqualTo(new[]
            {
                ("federation.linked", "success", userId, $"{Entra} external_id"),
                ("federation.sign_in", "success", userId, Entra),
            }));
        });
    }

    [Test]
    public async Task After_the_first_sign_in_only_the_link_counts()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("first", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid);
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName, Email = userName });
        Assert.That(await SignInForSubjectAsync(Entra, oid), Is.EqualTo(userId));

        // The upstream renames the person, the directory renames the local user, and another provisioned user now
        // has the upstream's new name: the user-name rule would pick them, but the link alone decides.
        var newName = NewName("renamed", "example.com");
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = newName, Email = newName });
        var (renamed, _) = await Scim.PatchAsync("/Users/" + userId,
            ScimClient.Patch($$"""{"op":"replace","path":"userName","value":"{{NewName("local", "example.com")}}"}"""));
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var lookAlike = await ProvisionAsync(newName, externalId: Guid.NewGuid().ToString());
        var mark = await StoredFederation.AuditMarkAsync(Server);

        var subject = await SignInForSubjectAsync(Entra, oid);

        var links = await StoredFederation.LinksAsync(Server, Entra);
        var events = await EventsAsync(mark);
        Assert.Multiple(() =>
        {
            Assert.That(subject, Is.EqualTo(userId));
            Assert.That(links.Count(l => l.UserId == userId), Is.EqualTo(1));
            Assert.That(links.Where(l => l.UserId == lookAlike), Is.Empty);
            Assert.That(events, Is.EqualTo(new[] { ("federation.sign_in", "success", userId, Entra) }), "no new link");
        });
    }

    [Test]
    public async Task Jit_creates_the_user_marked_with_the_provider()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("jit", "fabrikam.test");
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser
        {
            Oid = oid,
            PreferredUsername = userName,
            Email = userName,
            GivenName = "Jit",
            FamilyName = "Person",
            Name = "Jit Person",
        });

        var subject = await SignInForSubjectAsync(EntraJit, oid);
        var again = await SignInForSubjectAsync(EntraJit, oid);

        var users = await StoredFederation.UsersNamedAsync(Server, userName);
        var links = await StoredFederation.LinksAsync(Server, EntraJit);
        var events = await EventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(users.Select(u => u.Id), Is.EqualTo(new[] { subject }), "one user, the one signed in");
            Assert.That(again, Is.EqualTo(subject), "the second sign-in goes by the link");
            var user = users.Single();
            Assert.That(user.CreatedByIdentityProvider, Is.EqualTo(EntraJit));
            Assert.That((user.GivenName, user.FamilyName, user.DisplayName), Is.EqualTo(("Jit", "Person", "Jit Person")));
            Assert.That(user.Emails.Select(e => e.Value), Is.EqualTo(new[] { userName }));
            Assert.That(user.EmailVerified, Is.False, "Entra never says the address is verified");
            Assert.That(user.PasswordHash, Is.Null);
            Assert.That(user.ExternalIdIssuer, Is.Null, "not a user the SCIM client provisioned");
            Assert.That(links.Where(l => l.UserId == subject).Select(l => l.LinkedBy), Is.EqualTo(new[] { LinkRule.JustInTime }));
            Assert.That(events, Is.EqualTo(new[]
            {
                ("federation.user_created", "success", subject, EntraJit),
                ("federation.linked", "success", subject, $"{EntraJit} just_in_time"),
                ("federation.sign_in", "success", subject, EntraJit),
                ("federation.sign_in", "success", subject, EntraJit),
            }));
        });
    }

    [Test]
    public async Task Jit_never_takes_over_an_existing_user_name()
    {
        var userName = await LocalUserAsync(NewName("taken", "fabrikam.test"));
        var oid = Guid.NewGuid().ToString();
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName, Email = userName });

        using var page = await SignInAsync(EntraJit, oid);

        await AssertRefusedAsync(page);
        var users = await StoredFederation.UsersNamedAsync(Server, userName);
        var links = await StoredFederation.LinksAsync(Server, EntraJit);
        Assert.Multiple(async () =>
        {
            Assert.That(users, Has.Count.EqualTo(1), "no second user");
            Assert.That(users.Single().CreatedByIdentityProvider, Is.Null);
            Assert.That(links.Where(l => l.UpstreamSubject.EndsWith(oid, StringComparison.Ordinal) || l.UserId == users.Single().Id), Is.Empty);
            Assert.That(await EventsAsync(), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{EntraJit} user_name_taken") }));
        });
    }

    [Test]
    public async Task Email_only_match_with_email_verified_false_is_refused()
    {
        var address = NewName("mail", OktaDomain);
        await LocalUserAsync(address, emailVerified: true);
        var login = NewLogin();
        // Only the address matches: the upstream's user name is nobody's here.
        await OktaUpstream.SetUserAsync(login, new UpstreamUser { PreferredUsername = NewName("alias", OktaDomain), Email = address, EmailVerified = false });

        using var page = await SignInAsync(Okta, login);

        await AssertRefusedAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That((await StoredFederation.LinksAsync(Server, Okta)).Where(l => l.UpstreamSubject == login), Is.Empty);
            Assert.That(await EventsAsync(), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{Okta} no_match") }));
        });
    }

    [Test]
    public async Task Email_match_with_verified_email_in_an_owned_domain_links()
    {
        var address = NewName("mail", OktaDomain);
        var userId = await StoredSessions.UserIdAsync(Server, await LocalUserAsync(address, emailVerified: true));
        var login = NewLogin();
        await OktaUpstream.SetUserAsync(login, new UpstreamUser { PreferredUsername = NewName("alias", OktaDomain), Email = address.ToUpperInvariant(), EmailVerified = true });

        var subject = await SignInForSubjectAsync(Okta, login);

        var links = await StoredFederation.LinksAsync(Server, Okta);
        var events = await EventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(subject, Is.EqualTo(userId));
            Assert.That(links.Where(l => l.UpstreamSubject == login).Select(l => (l.UserId, l.LinkedBy)), Is.EqualTo(new[] { ((string?)userId, LinkRule.VerifiedEmail) }));
            Assert.That(events, Is.EqualTo(new[]
            {
                ("federation.linked", "success", userId, $"{Okta} verified_email"),
                ("federation.sign_in", "success", userId, Okta),
            }));
        });
    }

    [Test]
    public async Task Two_users_with_the_verified_address_are_refused_as_ambiguous()
    {
        var address = NewName("shared", OktaDomain);
        await LocalUserAsync(address, emailVerified: true);
        await LocalUserAsync(NewName("second", OktaDomain), emailVerified: true, email: address);
        var login = NewLogin();
        await OktaUpstream.SetUserAsync(login, new UpstreamUser { PreferredUsername = NewName("alias", OktaDomain), Email = address, EmailVerified = true });

        using var page = await SignInAsync(Okta, login);

        await AssertRefusedAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That((await StoredFederation.LinksAsync(Server, Okta)).Where(l => l.UpstreamSubject == login), Is.Empty, "never pick one");
            Assert.That(await EventsAsync(), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{Okta} ambiguous") }));
        });
    }

    [Test]
    public async Task Provider_cannot_link_a_user_of_another_directory()
    {
        // Another SCIM client provisioned a user with the same externalId and the upstream's user name: not Entra's to claim.
        var oid = Guid.NewGuid().ToString();
        var foreignName = NewName("foreign", "example.com");
        var otherDirectory = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.OtherScimClient, "scim"));
        var foreign = await ProvisionAsync(foreignName, externalId: oid, client: otherDirectory);
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = foreignName });
        // Okta links only users of its own domain: a user outside it with the upstream's name and verified address is not its.
        var outsider = await LocalUserAsync(NewName("outsider", "example.com"), emailVerified: true);
        var login = NewLogin();
        await OktaUpstream.SetUserAsync(login, new UpstreamUser { PreferredUsername = outsider, Email = outsider, EmailVerified = true });

        using var entraPage = await SignInAsync(Entra, oid);
        using var oktaPage = await SignInAsync(Okta, login);

        await AssertRefusedAsync(entraPage);
        await AssertRefusedAsync(oktaPage);
        var outsiderId = await StoredSessions.UserIdAsync(Server, outsider);
        Assert.Multiple(async () =>
        {
            Assert.That((await StoredFederation.LinksAsync(Server, Entra)).Where(l => l.UserId == foreign), Is.Empty);
            Assert.That((await StoredFederation.LinksAsync(Server, Okta)).Where(l => l.UserId == outsiderId || l.UpstreamSubject == login), Is.Empty);
            Assert.That(await EventsAsync(), Is.EqualTo(new[]
            {
                ("federation.sign_in", "not_linked", (string?)null, $"{Entra} no_match"),
                ("federation.sign_in", "not_linked", (string?)null, $"{Okta} no_match"),
            }));
        });
    }

    [Test]
    public async Task Second_upstream_identity_cannot_take_a_linked_user()
    {
        var userName = await LocalUserAsync(NewName("victim", OktaDomain));
        var userId = await StoredSessions.UserIdAsync(Server, userName);
        var owner = NewLogin();
        var attacker = NewLogin();
        await OktaUpstream.SetUserAsync(owner, new UpstreamUser { PreferredUsername = userName });
        await OktaUpstream.SetUserAsync(attacker, new UpstreamUser { PreferredUsername = userName, Email = userName, EmailVerified = true });
        Assert.That(await SignInForSubjectAsync(Okta, owner), Is.EqualTo(userId));
        var mark = await StoredFederation.AuditMarkAsync(Server);

        using var page = await SignInAsync(Okta, attacker);

        await AssertRefusedAsync(page);
        var links = await StoredFederation.LinksAsync(Server, Okta);
        Assert.Multiple(async () =>
        {
            Assert.That(links.Where(l => l.UserId == userId).Select(l => l.UpstreamSubject), Is.EqualTo(new[] { owner }));
            Assert.That(links.Where(l => l.UpstreamSubject == attacker), Is.Empty);
            Assert.That(await EventsAsync(mark), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{Okta} already_linked") }));
        });
    }

    [Test]
    public async Task Deactivated_user_is_refused_and_sessions_end()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("leaver", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid);
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName });
        using var browser = NewBrowser();
        var tokens = await SignInForTokensAsync(Entra, oid, browser);
        Assert.That(await StoredSessions.OfAsync(Server, userName), Has.Count.EqualTo(1));

        var (deactivated, _) = await Scim.PatchAsync("/Users/" + userId, ScimClient.Patch("""{"op":"replace","path":"active","value":false}"""));
        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var mark = await StoredFederation.AuditMarkAsync(Server);

        using var withOldSession = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        using var page = await SignInAsync(Entra, oid);

        await AssertRefusedAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That(await StoredSessions.OfAsync(Server, userName), Is.Empty, "deactivation ended the federated session");
            Assert.That(UserAgent.PathOf(withOldSession.Headers.Location!), Is.EqualTo(Routes.Login), "the browser is asked to sign in again");
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await EventsAsync(mark), Is.EqualTo(new[] { ("federation.sign_in", "disabled", (string?)userId, $"{Entra} user_inactive") }));
        });
    }

    [Test]
    public async Task Deleted_user_is_not_recreated_by_jit()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("deleted", "fabrikam.test");
        var userId = await ProvisionAsync(userName, externalId: oid);
        await EntraUpstream.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName });
        Assert.That(await SignInForSubjectAsync(EntraJit, oid), Is.EqualTo(userId));
        var (deleted, _) = await Scim.DeleteAsync("/Users/" + userId);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var mark = await StoredFederation.AuditMarkAsync(Server);

        using var page = await SignInAsync(EntraJit, oid);

        await AssertRefusedAsync(page);
        var links = await StoredFederation.LinksAsync(Server, EntraJit);
        Assert.Multiple(async () =>
        {
            Assert.That(await StoredFederation.UsersNamedAsync(Server, userName), Is.Empty, "no fresh account for a deleted user's identity");
            Assert.That(links.Where(l => l.UpstreamSubject == $"{EntraSettings.Tenant}:{oid}").Select(l => l.UserId), Is.EqualTo(new string?[] { null }),
                "the link stays as a tombstone");
            Assert.That(await EventsAsync(mark), Is.EqualTo(new[] { ("federation.sign_in", "disabled", (string?)null, $"{EntraJit} user_deleted") }));
        });
    }

}
