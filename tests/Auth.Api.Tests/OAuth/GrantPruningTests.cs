using Auth.Api.Tests.Hosting;
using Auth.Application.Grants;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Auth.Api.Tests.OAuth;

public sealed class GrantPruningTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task Revoked_tokens_are_pruned_after_the_retention_period_and_live_ones_are_kept()
    {
        // OpenIddict's store judges expiry by the wall clock, which a test cannot move; a revoked token is as unusable.
        var old = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        using (var revoked = await OAuth.RevokeAsync(old, TestSeed.ServiceA))
        {
            Assert.That(revoked.IsSuccessStatusCode, Is.True);
        }

        var countBefore = await CountTokensAsync();

        Server.Clock.Advance(TimeSpan.FromDays(32));
        var fresh = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        PrunedGrants pruned;
        using (var scope = Server.Services.CreateScope())
        {
            pruned = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PruneExpiredGrants());
        }

        Assert.Multiple(async () =>
        {
            Assert.That(pruned.Tokens, Is.GreaterThanOrEqualTo(1));
            Assert.That(await CountTokensAsync(), Is.LessThanOrEqualTo(countBefore + 1 - pruned.Tokens), "the pruned rows are gone");
            Assert.That(await OAuth.IsActiveAsync(fresh, TestSeed.OrdersApiClient), Is.True);
            Assert.That(await OAuth.IsActiveAsync(old, TestSeed.OrdersApiClient), Is.False);
        });
    }

    private async Task<long> CountTokensAsync()
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CountAsync();
    }
}
