using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.AccessChanges;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// ADR 0010: single-token revocations are capped (Revocation:MaximumEntries); past the cap, revoking one more token
/// cuts off its whole client, which fails closed instead of growing without bound.
/// </summary>
public sealed class RevocationStormTests(StoreKind store) : ServerTest(store)
{
    private const int Cap = 1_000;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Revocation:MaximumEntries"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task Past_the_cap_a_revocation_cuts_off_the_whole_client_and_memory_stays_at_the_cap()
    {
        using (var scope = Server.Services.CreateScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<AccessChangeWriter>();
            var expires = DateTimeOffset.UtcNow.AddHours(1);
            for (var i = 0; i < Cap; i++)
            {
                await writer.DenyTokenAsync(Guid.NewGuid().ToString(), "some-other-client", expires, CancellationToken.None);
            }
        }

        var revoked = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var sibling = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var otherClients = await OAuth.GetAccessTokenAsync(TestSeed.ServiceB, TestSeed.OrdersRead);
        using var response = await OAuth.RevokeAsync(revoked, TestSeed.ServiceA, "access_token");
        await Task.Delay(5); // a token issued in the same millisecond as a cut-off is refused too
        var after = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OAuth.IsActiveAsync(revoked, TestSeed.ServiceA), Is.False);
            Assert.That(await OAuth.IsActiveAsync(sibling, TestSeed.ServiceA), Is.False, "the client's earlier tokens go with it");
            Assert.That(await OAuth.IsActiveAsync(otherClients, TestSeed.ServiceB), Is.True, "other clients keep theirs");
            Assert.That(await OAuth.IsActiveAsync(after, TestSeed.ServiceA), Is.True, "the client gets new tokens");
            Assert.That(Server.Services.GetRequiredService<AccessRevocations>().DeniedTokenCount, Is.EqualTo(Cap));
        });
    }
}
