using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// POST /admin/v1/clients/{client_id}/secret (issue #16): a new secret shown once; the previous one keeps working,
/// at the token endpoint and at introspection, until the time the rotation stated and not a moment after (the server's
/// clock is moved, not waited for); without an overlap it stops at once, with the tokens issued to the client.
/// </summary>
public sealed class AdminClientSecretRotationTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task Old_and_new_secret_both_work_until_the_stated_time_then_only_the_new_one()
    {
        var api = await AdminAsync();
        var old = await RegisterOwnClientAsync("rotated", [TestSeed.OrdersRead]);
        var tokenBefore = await OAuth.GetAccessTokenAsync(old, TestSeed.OrdersRead);

        var rotation = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{old.Id}/secret", new { previous_secret_valid_for = 3_600 });
        var rotated = old with { Secret = rotation.Body.GetProperty("client_secret").GetString()! };
        var read = await api.GetAsync("/admin/v1/clients/" + old.Id);

        Assert.Multiple(() =>
        {
            Assert.That(rotation.Status, Is.EqualTo(HttpStatusCode.OK), rotation.Text);
            Assert.That(rotated.Secret, Has.Length.EqualTo(43).And.Not.EqualTo(old.Secret));
            Assert.That(DateTimeOffset.Parse(rotation.Body.GetProperty("previous_secret_valid_until").GetString()!),
                Is.EqualTo(Server.Clock.GetUtcNow().AddHours(1)).Within(TimeSpan.FromSeconds(30)));
            Assert.That(read.Body.GetProperty("previous_secret_valid_until").GetString(), Is.EqualTo(rotation.Body.GetProperty("previous_secret_valid_until").GetString()));
            Assert.That(read.Body.GetProperty("secret_rotated_at").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(read.Text, Does.Not.Contain(rotated.Secret).And.Not.Contain(old.Secret), "never a secret, nor the previous one's hash");
            Assert.That(read.Text, Does.Not.Contain("hash"));
        });
        await AssertWorksAsync(old, "the previous secret, during the overlap");
        await AssertWorksAsync(rotated, "the new secret");
        Assert.That(await OAuth.IsActiveAsync(tokenBefore, TestSeed.OrdersApiClient), Is.True, "a rotation with an overlap cuts nothing off");

        Server.Clock.Advance(TimeSpan.FromMinutes(59));
        await AssertWorksAsync(old, "the previous secret, a minute before its end");

        Server.Clock.Advance(TimeSpan.FromMinutes(1).Add(TimeSpan.FromSeconds(1)));
        await AssertRefusedAsync(old, "the previous secret, after its end (even though a check of it was remembered)");
        await AssertWorksAsync(rotated, "the new secret, after the overlap");
        var after = await (await AdminAsync()).GetAsync("/admin/v1/clients/" + old.Id);
        Assert.That(after.Body.GetProperty("previous_secret_valid_until").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task The_previous_secret_ends_at_a_stated_rfc_3339_time()
    {
        var api = await AdminAsync();
        var old = await RegisterOwnClientAsync("until", [TestSeed.OrdersRead]);
        var until = Server.Clock.GetUtcNow().AddMinutes(10);

        var rotation = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{old.Id}/secret", new { previous_secret_valid_until = until.ToString("O") });

        Assert.That(rotation.Status, Is.EqualTo(HttpStatusCode.OK), rotation.Text);
        await AssertWorksAsync(old, "before the stated time");
        Server.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(1)));
        await AssertRefusedAsync(old, "after the stated time");
    }

    [Test]
    public async Task A_rotation_without_an_overlap_refuses_the_old_secret_at_once_and_cuts_off_its_tokens()
    {
        var api = await AdminAsync();
        var old = await RegisterOwnClientAsync("at-once", [TestSeed.OrdersRead]);
        var tokenBefore = await OAuth.GetAccessTokenAsync(old, TestSeed.OrdersRead);

        var rotation = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{old.Id}/secret");
        var rotated = old with { Secret = rotation.Body.GetProperty("client_secret").GetString()! };

        Assert.Multiple(() =>
        {
            Assert.That(rotation.Status, Is.EqualTo(HttpStatusCode.OK), rotation.Text);
            Assert.That(rotation.Body.GetProperty("previous_secret_valid_until").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        await AssertRefusedAsync(old, "the previous secret, with no overlap");
        await AssertWorksAsync(rotated, "the new secret");
        Assert.That(await OAuth.IsActiveAsync(tokenBefore, TestSeed.OrdersApiClient), Is.False, "the tokens issued with the old secret are cut off");
    }

    [Test]
    public async Task A_second_rotation_keeps_only_the_secret_it_replaces()
    {
        var api = await AdminAsync();
        var first = await RegisterOwnClientAsync("twice", [TestSeed.OrdersRead]);
        var second = first with { Secret = (await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{first.Id}/secret", new { previous_secret_valid_for = 600 })).Body.GetProperty("client_secret").GetString()! };

        var third = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{first.Id}/secret", new { previous_secret_valid_for = 600 });

        Assert.That(third.Status, Is.EqualTo(HttpStatusCode.OK), third.Text);
        await AssertRefusedAsync(first, "the first secret, two rotations ago");
        await AssertWorksAsync(second, "the secret the last rotation replaced");
        await AssertWorksAsync(first with { Secret = third.Body.GetProperty("client_secret").GetString()! }, "the newest secret");
    }

    [TestCase("{\"previous_secret_valid_for\": 2592001}", "previous_secret_valid_for")]
    [TestCase("{\"previous_secret_valid_for\": 0}", "previous_secret_valid_for")]
    [TestCase("{\"previous_secret_valid_for\": 60, \"previous_secret_valid_until\": \"2099-01-01T00:00:00Z\"}", "previous_secret_valid_until")]
    public async Task An_overlap_out_of_bounds_is_refused_and_changes_nothing(string body, string field)
    {
        var client = await RegisterOwnClientAsync("bounds", [TestSeed.OrdersRead]);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/clients/{client.Id}/secret")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, AdminScopes.ClientsWrite));

        using var response = await Server.Client.SendAsync(request);
        var refused = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), refused.ToString());
            Assert.That(refused.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()), Does.Contain(field));
        });
        await AssertWorksAsync(client, "the secret, after a refused rotation");
    }

    [Test]
    public async Task A_time_in_the_past_or_beyond_thirty_days_and_a_public_client_are_refused()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("past", [TestSeed.OrdersRead]);

        var past = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{client.Id}/secret",
            new { previous_secret_valid_until = Server.Clock.GetUtcNow().AddMinutes(-1).ToString("O") });
        var far = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{client.Id}/secret",
            new { previous_secret_valid_until = Server.Clock.GetUtcNow().AddDays(31).ToString("O") });
        var publicClient = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{TestSeed.SpaId}/secret", new { });

        Assert.That(new[] { past.Status, far.Status, publicClient.Status }, Is.All.EqualTo(HttpStatusCode.BadRequest));
        await AssertWorksAsync(client, "the secret, after refused rotations");
    }

    [Test]
    public async Task A_rotation_is_audited_with_the_caller_and_never_the_secret()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("audited", [TestSeed.OrdersRead]);

        var rotation = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{client.Id}/secret", new { previous_secret_valid_for = 60 });
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        var audited = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == "client.secret_rotated" && e.ClientId == client.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(audited.Select(e => e.Actor), Is.EqualTo(new[] { "client:" + TestSeed.AdminClientsKeeper.Id }));
            Assert.That(audited.Single().Detail, Does.StartWith("previous secret valid until"));
            Assert.That(audited.Single().Detail, Does.Not.Contain(rotation.Body.GetProperty("client_secret").GetString()));
        });
    }

    private async Task AssertWorksAsync(TestClient client, string what)
    {
        using var token = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);
        using var introspection = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", "not-a-token")), OAuthClient.Basic(client.Id, client.Secret));
        Assert.Multiple(() =>
        {
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), what + " at the token endpoint");
            Assert.That(introspection.StatusCode, Is.EqualTo(HttpStatusCode.OK), what + " at introspection");
        });
    }

    private async Task AssertRefusedAsync(TestClient client, string what)
    {
        using var token = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);
        using var introspection = await OAuth.PostFormAsync("/oauth/introspect", OAuthClient.Form(("token", "not-a-token")), OAuthClient.Basic(client.Id, client.Secret));
        Assert.Multiple(() =>
        {
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), what + " at the token endpoint");
            Assert.That(introspection.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), what + " at introspection");
        });
    }

    private async Task<AdminApi> AdminAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}"));
}
