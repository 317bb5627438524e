using Auth.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using static Auth.Infrastructure.Tests.OpenIddict.OpenIddictGrants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>The grant store on OpenIddict's token and authorization managers, as the host wires it, on each store.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class GrantStoreTests(DatabaseProvider provider) : OpenIddictAdapterTest(provider)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private string _applicationId = null!;

    protected override async Task OnCreatedAsync() => _applicationId = await AddClientAsync(Services, "web");

    [Test]
    public async Task Revoking_a_user_revokes_every_token_and_authorization_of_theirs_and_no_one_elses()
    {
        var user = Unique("user");
        var someoneElse = Unique("user");
        var token = await AddTokenAsync(Services, user, _applicationId, Now);
        var authorization = await AddAuthorizationAsync(Services, user, _applicationId, Now);
        var theirToken = await AddTokenAsync(Services, someoneElse, _applicationId, Now);

        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IGrantStore>().RevokeUserAsync(user, CancellationToken.None);
        }

        Assert.That(
            new[] { await TokenStatusAsync(Services, token), await AuthorizationStatusAsync(Services, authorization), await TokenStatusAsync(Services, theirToken) },
            Is.EqualTo(new[] { Statuses.Revoked, Statuses.Revoked, Statuses.Valid }));
    }

    /// <summary>What lets UserAccessRevocation commit a user's change and the revocation together, or neither.</summary>
    [Test]
    public async Task A_revocation_in_a_transaction_that_is_not_committed_leaves_the_grants_valid()
    {
        var user = Unique("user");
        var token = await AddTokenAsync(Services, user, _applicationId, Now);
        var authorization = await AddAuthorizationAsync(Services, user, _applicationId, Now);

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
            await using var transaction = await db.BeginTransactionAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IGrantStore>().RevokeUserAsync(user, CancellationToken.None);
        }

        Assert.That(
            new[] { await TokenStatusAsync(Services, token), await AuthorizationStatusAsync(Services, authorization) },
            Is.EqualTo(new[] { Statuses.Valid, Statuses.Valid }));
    }

    [Test]
    public async Task Pruning_deletes_grants_no_longer_usable_that_were_created_before_the_threshold()
    {
        var user = Unique("user");
        var old = Now.AddDays(-40);
        var oldRevokedToken = await AddTokenAsync(Services, user, _applicationId, old, Statuses.Revoked);
        var oldRevokedAuthorization = await AddAuthorizationAsync(Services, user, _applicationId, old, Statuses.Revoked);
        var recentRevokedToken = await AddTokenAsync(Services, user, _applicationId, Now, Statuses.Revoked);
        var recentValidToken = await AddTokenAsync(Services, user, _applicationId, Now);

        (long Tokens, long Authorizations) pruned;
        await using (var scope = Services.CreateAsyncScope())
        {
            pruned = await scope.ServiceProvider.GetRequiredService<IGrantStore>().PruneAsync(Now.AddDays(-31), CancellationToken.None);
        }

        var statuses = new[]
        {
            await TokenStatusAsync(Services, oldRevokedToken),
            await AuthorizationStatusAsync(Services, oldRevokedAuthorization),
            await TokenStatusAsync(Services, recentRevokedToken),
            await TokenStatusAsync(Services, recentValidToken),
        };
        Assert.Multiple(() =>
        {
            Assert.That(pruned.Tokens, Is.GreaterThanOrEqualTo(1));
            Assert.That(pruned.Authorizations, Is.GreaterThanOrEqualTo(1));
            Assert.That(statuses, Is.EqualTo(new[] { null, null, Statuses.Revoked, Statuses.Valid }));
        });
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
