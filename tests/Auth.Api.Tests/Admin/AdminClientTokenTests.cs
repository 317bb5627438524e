using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Scim;
using Auth.Application.Admin;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// POST /admin/v1/clients/{client_id}/tokens (issue #16, scope admin.clients.write): the long-lived token
/// <c>clients token</c> mints for a SCIM connector, over HTTP. It provisions, introspects, is revoked like any token,
/// and its minting is audited with the caller, never the token.
/// </summary>
public sealed class AdminClientTokenTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_minted_token_provisions_is_audited_with_the_caller_and_can_be_revoked()
    {
        var minted = await (await AdminAsync()).SendAsync(HttpMethod.Post, $"/admin/v1/clients/{TestSeed.ScimClient.Id}/tokens", new { });
        Assert.That(minted.Status, Is.EqualTo(HttpStatusCode.OK), minted.Text);
        var token = minted.Body.GetProperty("access_token").GetString()!;
        var scim = new ScimClient(Server.Client, token);

        var (listed, _) = await scim.GetAsync("/Users?count=1");
        var introspection = await OAuth.IntrospectAsync(token, TestSeed.ScimClient);
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        var audited = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == "client.token_minted" && e.ClientId == TestSeed.ScimClient.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(minted.Body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            Assert.That(minted.Body.GetProperty("scope").GetString(), Is.EqualTo("scim"), "scim when the body names none");
            Assert.That(minted.Body.GetProperty("client_id").GetString(), Is.EqualTo(TestSeed.ScimClient.Id));
            var expires = DateTimeOffset.FromUnixTimeSeconds(Jwt.Payload(token)["exp"]!.GetValue<long>());
            Assert.That(expires, Is.EqualTo(DateTimeOffset.UtcNow.AddDays(31)).Within(TimeSpan.FromMinutes(5)), "SigningKeys:MaximumTokenLifetime by default");
            Assert.That(DateTimeOffset.Parse(minted.Body.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(expires).Within(TimeSpan.FromSeconds(2)));
            Assert.That(Jwt.Payload(token)["client_id"]!.GetValue<string>(), Is.EqualTo(TestSeed.ScimClient.Id), "the client's own token, not the caller's");
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "it provisions");
            Assert.That(introspection.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(audited.Select(e => e.Actor), Is.EqualTo(new[] { "client:" + TestSeed.AdminClientsKeeper.Id }), "audited with the caller as actor");
            Assert.That(audited.Single().Detail, Does.Contain("scope=scim").And.Not.Contain(token.Split('.')[2]), "never the token");
        });

        using var revoked = await OAuth.RevokeAsync(token, TestSeed.ScimClient);
        var (afterRevocation, _) = await scim.GetAsync("/Users?count=1");
        Assert.That(afterRevocation.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_lifetime_is_the_one_asked_for()
    {
        var minted = await (await AdminAsync()).SendAsync(HttpMethod.Post, $"/admin/v1/clients/{TestSeed.ScimClient.Id}/tokens", new { scope = "scim", expires_in = 3_600 });

        Assert.That(minted.Status, Is.EqualTo(HttpStatusCode.OK), minted.Text);
        var expires = DateTimeOffset.FromUnixTimeSeconds(Jwt.Payload(minted.Body.GetProperty("access_token").GetString()!)["exp"]!.GetValue<long>());
        Assert.That(expires, Is.EqualTo(DateTimeOffset.UtcNow.AddHours(1)).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task An_unknown_client_is_404()
    {
        var minted = await (await AdminAsync()).SendAsync(HttpMethod.Post, "/admin/v1/clients/nobody-here/tokens", new { });

        Assert.That(minted.Status, Is.EqualTo(HttpStatusCode.NotFound), minted.Text);
        Assert.That(minted.Error, Is.EqualTo("not_found"));
    }

    [TestCase("orders.read", "scim-client", "may not use the scope", Description = "a scope the client is not allowed")]
    [TestCase("openid", "scim-client", "for users", Description = "a user's scope")]
    [TestCase("admin.keys", "admin-keys-keeper", "admin scope", Description = "an admin scope, even for a client allowed it")]
    [TestCase("admin", "audit-reader", "admin scope", Description = "the old catch-all admin scope")]
    public async Task A_scope_the_token_may_not_carry_is_400_and_nothing_is_minted(string scope, string clientId, string reason)
    {
        var minted = await (await AdminAsync()).SendAsync(HttpMethod.Post, $"/admin/v1/clients/{clientId}/tokens", new { scope });

        Assert.Multiple(() =>
        {
            Assert.That(minted.Status, Is.EqualTo(HttpStatusCode.BadRequest), minted.Text);
            Assert.That(minted.Error, Is.EqualTo("invalid_request"));
            Assert.That(minted.Body.GetProperty("error_description").GetString(), Does.Contain(reason));
            Assert.That(minted.Text, Does.Not.Contain("access_token"));
        });
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(2_678_401)]
    [TestCase(long.MaxValue)]
    public async Task A_lifetime_out_of_range_is_400_naming_the_rule(long seconds)
    {
        var minted = await (await AdminAsync()).SendAsync(HttpMethod.Post, $"/admin/v1/clients/{TestSeed.ScimClient.Id}/tokens", new { expires_in = seconds });

        Assert.Multiple(() =>
        {
            Assert.That(minted.Status, Is.EqualTo(HttpStatusCode.BadRequest), minted.Text);
            Assert.That(minted.Body.GetProperty("error_description").GetString(), Does.Contain("SigningKeys:MaximumTokenLifetime"));
        });
    }

    private async Task<AdminApi> AdminAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, AdminScopes.ClientsWrite));
}
