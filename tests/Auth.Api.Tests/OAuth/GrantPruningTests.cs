using Auth.Api.Tests.Hosting;
using Auth.Application.Grants;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Auth.Api.Tests.OAuth;

public sealed class GrantPruningTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Revoked_tokens_are_pruned_after_the_retention_period_and_live_ones_are_kept()
    {
        // OpenIddict's store judges expiry by the wall clock, which a test cannot move; a revoked token is as unusable.
        // An access token has no row, only its revocation; a refresh token has a row.
        var old = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var refreshToken = (await SignedInTokensAsync("openid offline_access")).Tokens.GetProperty("refresh_token").GetString()!;
        using (var revoked = await OAuth.RevokeAsync(old, TestSeed.ServiceA))
        using (var revokedRefresh = await OAuth.RevokeAsync(refreshToken, TestSeed.WebApp))
        {
            Assert.That(revoked.IsSuccessStatusCode && revokedRefresh.IsSuccessStatusCode, Is.True);
        }

        var countBefore = await CountTokensAsync();
        var revocationsBefore = await CountAccessChangesAsync();

        Server.Clock.Advance(TimeSpan.FromDays(32));
        var fresh = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        PrunedGrants pruned;
        using (var scope = Server.Services.CreateScope())
        {
            pruned = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PruneExpiredGrants());
        }

        Assert.Multiple(async () =>
        {
            Assert.That(revocationsBefore, Is.GreaterThanOrEqualTo(2), "the access token's jti and the refresh token's grant");
            Assert.That(await CountAccessChangesAsync(), Is.Zero, "revocations of expired tokens are pruned");
            Assert.That(pruned.Tokens, Is.GreaterThanOrEqualTo(1 + revocationsBefore));
            Assert.That(await CountTokensAsync(), Is.LessThanOrEqualTo(countBefore - (pruned.Tokens - revocationsBefore)), "the pruned rows are gone");
            Assert.That(await OAuth.IsActiveAsync(fresh, TestSeed.OrdersApiClient), Is.True);
            Assert.That(await OAuth.IsActiveAsync(old, TestSeed.OrdersApiClient), Is.False);
        });
    }

    private async Task<int> CountAccessChangesAsync()
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AccessChanges.CountAsync();
    }

    private async Task<long> CountTokensAsync()
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CountAsync();
    }
}
