using Auth.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using static Auth.Infrastructure.Tests.OpenIddict.OpenIddictGrants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>The consent store on OpenIddict's authorizations and tokens, as the host wires it, on each store.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class ConsentStoreTests(DatabaseProvider provider) : OpenIddictAdapterTest(provider)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public async Task A_recorded_consent_covers_the_scopes_it_named_and_no_more()
    {
        var client = Unique("partner");
        await AddClientAsync(Services, client);
        var user = Unique("user");

        var before = await InScopeAsync(consents => consents.HasConsentedAsync(user, client, ["openid"], CancellationToken.None));
        await InScopeAsync(async consents =>
        {
            await consents.RecordAsync(user, client, ["openid", "profile"], Now, CancellationToken.None);
            return true;
        });
        var named = await InScopeAsync(consents => consents.HasConsentedAsync(user, client, ["profile", "openid"], CancellationToken.None));
        var fewer = await InScopeAsync(consents => consents.HasConsentedAsync(user, client, ["openid"], CancellationToken.None));
        var more = await InScopeAsync(consents => consents.HasConsentedAsync(user, client, ["openid", "email"], CancellationToken.None));
        var otherUser = await InScopeAsync(consents => consents.HasConsentedAsync(Unique("user"), client, ["openid"], CancellationToken.None));

        Assert.That(new[] { before, named, fewer, more, otherUser }, Is.EqualTo(new[] { false, true, true, false, false }));
    }

    [Test]
    public async Task A_consent_to_one_client_is_not_a_consent_to_another_nor_to_one_that_does_not_exist()
    {
        var client = Unique("partner");
        var other = Unique("other");
        await AddClientAsync(Services, client);
        await AddClientAsync(Services, other);
        var user = Unique("user");
        await InScopeAsync(async consents =>
        {
            await consents.RecordAsync(user, client, ["openid"], Now, CancellationToken.None);
            return true;
        });

        var toOther = await InScopeAsync(consents => consents.HasConsentedAsync(user, other, ["openid"], CancellationToken.None));
        var toUnknown = await InScopeAsync(consents => consents.HasConsentedAsync(user, Unique("unknown"), ["openid"], CancellationToken.None));
        var withdrawnFromUnknown = await InScopeAsync(consents => consents.WithdrawAsync(user, Unique("unknown"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(toOther, Is.False);
            Assert.That(toUnknown, Is.False);
            Assert.That(withdrawnFromUnknown, Is.Zero);
        });
    }

    [Test]
    public async Task Withdrawing_revokes_the_consent_and_what_the_client_holds_for_that_user_only()
    {
        var client = Unique("partner");
        var applicationId = await AddClientAsync(Services, client);
        var otherApplicationId = await AddClientAsync(Services, Unique("other"));
        var user = Unique("user");
        var someoneElse = Unique("user");
        await InScopeAsync(async consents =>
        {
            await consents.RecordAsync(user, client, ["openid"], Now, CancellationToken.None);
            await consents.RecordAsync(someoneElse, client, ["openid"], Now, CancellationToken.None);
            return true;
        });
        var signIn = await AddAuthorizationAsync(Services, user, applicationId, Now);
        var token = await AddTokenAsync(Services, user, applicationId, Now);
        var theirToken = await AddTokenAsync(Services, someoneElse, applicationId, Now);
        var otherClientsToken = await AddTokenAsync(Services, user, otherApplicationId, Now);

        var revoked = await InScopeAsync(consents => consents.WithdrawAsync(user, client, CancellationToken.None));
        var stillConsented = await InScopeAsync(consents => consents.HasConsentedAsync(user, client, ["openid"], CancellationToken.None));
        var theyStillConsented = await InScopeAsync(consents => consents.HasConsentedAsync(someoneElse, client, ["openid"], CancellationToken.None));

        var statuses = new[]
        {
            await AuthorizationStatusAsync(Services, signIn),
            await TokenStatusAsync(Services, token),
            await TokenStatusAsync(Services, theirToken),
            await TokenStatusAsync(Services, otherClientsToken),
        };

        Assert.Multiple(() =>
        {
            Assert.That(revoked, Is.EqualTo(3), "The consent, the sign-in's authorization and its token.");
            Assert.That(stillConsented, Is.False);
            Assert.That(theyStillConsented, Is.True);
            Assert.That(statuses, Is.EqualTo(new[] { Statuses.Revoked, Statuses.Revoked, Statuses.Valid, Statuses.Valid }));
        });
    }

    private async Task<T> InScopeAsync<T>(Func<IConsentStore, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IConsentStore>());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
