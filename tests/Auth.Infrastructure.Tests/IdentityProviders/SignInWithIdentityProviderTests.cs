using Auth.Application.Audit;
using Auth.Application.IdentityProviders;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Sessions;
using Auth.Domain.IdentityProviders;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.IdentityProviders;

/// <summary>The linking use case on each store: the link table's two unique indexes and its tombstones are the rules' last line.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class SignInWithIdentityProviderTests(DatabaseProvider provider)
{
    private const string Domain = "linkco.example";
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private RecordedEvents _events = null!;

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
    public async Task StartAfresh()
    {
        _events = new RecordedEvents();
        await using var context = _database.NewContext();
        await context.IdentityProviders.ExecuteDeleteAsync();
        await context.Sessions.ExecuteDeleteAsync();
        await context.Users.ExecuteDeleteAsync();
    }

    [Test]
    public async Task First_sign_in_links_by_the_rule_and_later_ones_go_by_the_link_alone()
    {
        await RegisterAsync(justInTime: false);
        var alice = await AddUserAsync($"alice@{Domain}");
        await AddUserAsync($"mallory@{Domain}");

        var first = await SignInAsync("s1", $"alice@{Domain}");
        var renamedUpstream = await SignInAsync("s1", $"mallory@{Domain}");

        Assert.Multiple(() =>
        {
            Assert.That(first.Value?.User.UserId, Is.EqualTo(alice));
            Assert.That(first.Value?.LinkedBy, Is.EqualTo(LinkRule.UserName));
            Assert.That(renamedUpstream.Value?.User.UserId, Is.EqualTo(alice), "the link, not the changed claim");
            Assert.That(renamedUpstream.Value?.LinkedBy, Is.Null);
            Assert.That(_events.All.Select(e => e.Type), Is.EqualTo(new[]
            {
                SecurityEventTypes.FederatedIdentityLinked, SecurityEventTypes.FederatedSignIn, SecurityEventTypes.FederatedSignIn,
            }));
        });
    }

    [Test]
    public async Task One_user_never_gets_two_identities_of_one_provider()
    {
        await RegisterAsync(justInTime: false);
        await AddUserAsync($"alice@{Domain}");

        await SignInAsync("s1", $"alice@{Domain}");
        var second = await SignInAsync("s2", $"alice@{Domain}");

        Assert.That(second.Error?.Code, Is.EqualTo(SecurityEventOutcomes.NotLinked));
    }

    [Test]
    public async Task Jit_creates_the_user_once_marked_with_the_provider()
    {
        await RegisterAsync(justInTime: true);

        var created = await SignInAsync("s1", $"newcomer@{Domain}");
        var again = await SignInAsync("s1", $"newcomer@{Domain}");

        await using var context = _database.NewContext();
        var users = await context.Users.Where(u => u.NormalizedUserName == User.Normalize($"newcomer@{Domain}")).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(created.Value?.CreatedJustInTime, Is.True);
            Assert.That(again.Value?.User.UserId, Is.EqualTo(created.Value?.User.UserId));
            Assert.That(users.Select(u => u.CreatedByIdentityProvider), Is.EqualTo(new[] { "linkco" }));
            Assert.That(users[0].EmailVerified, Is.False, "the upstream did not say email_verified");
            Assert.That(_events.All.Select(e => e.Type), Does.Contain(SecurityEventTypes.FederatedUserCreated));
        });
    }

    [Test]
    public async Task A_deleted_users_identity_is_a_tombstone_that_never_gets_a_fresh_account()
    {
        await RegisterAsync(justInTime: true);
        var alice = await AddUserAsync($"alice@{Domain}");
        await SignInAsync("s1", $"alice@{Domain}");
        await using (var context = _database.NewContext())
        {
            await context.Users.Where(u => u.Id == alice).ExecuteDeleteAsync();
        }

        var afterDeletion = await SignInAsync("s1", $"alice@{Domain}");
        var reprovisioned = await AddUserAsync($"alice@{Domain}");
        var afterReprovisioning = await SignInAsync("s1", $"alice@{Domain}");

        await using var check = _database.NewContext();
        Assert.Multiple(async () =>
        {
            Assert.That(afterDeletion.Error?.Code, Is.EqualTo(SecurityEventOutcomes.Disabled));
            Assert.That(afterReprovisioning.Value?.User.UserId, Is.EqualTo(reprovisioned));
            Assert.That(await check.ExternalLogins.CountAsync(), Is.EqualTo(1), "the tombstone was re-pointed, not duplicated");
        });
    }

    [Test]
    public async Task A_deactivated_linked_user_is_refused()
    {
        await RegisterAsync(justInTime: false);
        var alice = await AddUserAsync($"alice@{Domain}");
        await SignInAsync("s1", $"alice@{Domain}");
        await using (var context = _database.NewContext())
        {
            var user = await context.Users.SingleAsync(u => u.Id == alice);
            user.Deactivate(DateTimeOffset.UtcNow);
            await context.SaveChangesAsync();
        }

        var refused = await SignInAsync("s1", $"alice@{Domain}");

        Assert.That(refused.Error?.Code, Is.EqualTo(SecurityEventOutcomes.Disabled));
    }

    [Test]
    public async Task Removing_the_provider_ends_its_sessions_and_drops_its_links_but_keeps_the_users()
    {
        await RegisterAsync(justInTime: false);
        var alice = await AddUserAsync($"alice@{Domain}");
        var signedIn = await SignInAsync("s1", $"alice@{Domain}");
        var federated = await StartSessionAsync(alice, "linkco", "upstream.id.token");
        var local = await StartSessionAsync(alice, null, null);

        await using (var scope = _services.CreateAsyncScope())
        {
            var removed = await new RemoveIdentityProviderHandler(scope.ServiceProvider.GetRequiredService<IAuthDbContext>(), Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Auth.Application.Sessions.SessionEnding>(scope.ServiceProvider, Microsoft.Extensions.Options.Options.Create(new Auth.Application.Sessions.BackChannelLogoutOptions())), _events)
                .Handle(new RemoveIdentityProvider("linkco"), CancellationToken.None);
            Assert.That(removed.Succeeded, Is.True);
        }

        await using var check = _database.NewContext();
        Assert.Multiple(async () =>
        {
            Assert.That(signedIn.Succeeded, Is.True);
            Assert.That(await check.Sessions.Select(s => s.Id).ToListAsync(), Is.EqualTo(new[] { local }), "only the session begun through the provider ends");
            Assert.That(await check.ExternalLogins.CountAsync(), Is.Zero);
            Assert.That(await check.Users.CountAsync(u => u.Id == alice), Is.EqualTo(1));
            Assert.That(_events.All.Select(e => e.Type), Does.Contain(SecurityEventTypes.IdentityProviderRemoved));
        });
        Assert.That(federated, Is.Not.EqualTo(local));
    }

    [Test]
    public async Task A_federated_session_keeps_the_upstream_id_token_encrypted()
    {
        await RegisterAsync(justInTime: false);
        var alice = await AddUserAsync($"alice@{Domain}");

        var id = await StartSessionAsync(alice, "linkco", "upstream.id.token");

        await using var check = _database.NewContext();
        var session = await check.Sessions.SingleAsync(s => s.Id == id);
        var protector = _services.GetRequiredService<ISecretProtector>();
        Assert.Multiple(() =>
        {
            Assert.That(session.IdentityProviderId, Is.EqualTo("linkco"));
            Assert.That(session.ProtectedUpstreamIdToken, Does.Not.Contain("upstream.id.token"));
            Assert.That(System.Text.Encoding.UTF8.GetString(protector.Unprotect(session.ProtectedUpstreamIdToken!, StartSession.UpstreamIdTokenPurpose)),
                Is.EqualTo("upstream.id.token"));
        });
    }

    private async Task<string> StartSessionAsync(string userId, string? providerId, string? idToken)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        var ending = new SessionEnding(db, scope.ServiceProvider.GetRequiredService<IClientRegistry>(), Options.Create(new BackChannelLogoutOptions()), TimeProvider.System);
        var handler = new StartSessionHandler(db, ending, Options.Create(new SessionLifetimes()),
            scope.ServiceProvider.GetRequiredService<ISecretProtector>(), TimeProvider.System);
        return await handler.Handle(new StartSession(userId, ["fed"], DateTimeOffset.UtcNow, null, providerId, idToken), CancellationToken.None);
    }

    private async Task RegisterAsync(bool justInTime)
    {
        await using var scope = _services.CreateAsyncScope();
        var registered = await ActivatorUtilities.CreateInstance<RegisterIdentityProviderHandler>(scope.ServiceProvider, new RecordedEvents())
            .Handle(new RegisterIdentityProvider(new IdentityProviderDefinition
            {
                Id = "linkco",
                DisplayName = "Link Co",
                Issuer = "https://idp.linkco.example",
                ClientId = "app",
                ClientSecret = "linkco-client-secret-0042",
                Domains = [Domain],
                Linking = new IdentityProviderLinking { UserName = true, JustInTime = justInTime },
            }), CancellationToken.None);
        Assert.That(registered.Succeeded, Is.True, registered.Error?.Description);
    }

    private async Task<string> AddUserAsync(string userName)
    {
        await using var context = _database.NewContext();
        var user = new User(userName, DateTimeOffset.UtcNow);
        context.Users.Add(user);
        await context.SaveChangesAsync();
        return user.Id;
    }

    private async Task<Result<FederatedSignIn>> SignInAsync(string subject, string userName)
    {
        await using var scope = _services.CreateAsyncScope();
        var handler = new SignInWithIdentityProviderHandler(scope.ServiceProvider.GetRequiredService<IAuthDbContext>(), _events, TimeProvider.System);
        var upstream = new UpstreamIdentity("linkco", "https://idp.linkco.example",
            new Dictionary<string, string> { ["sub"] = subject, ["preferred_username"] = userName, ["email"] = userName }, [], [], EmailVerified: null);
        return await handler.Handle(new SignInWithIdentityProvider(upstream), CancellationToken.None);
    }
}
