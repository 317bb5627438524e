using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// GET /admin/v1/signing-keys and POST /admin/v1/signing-keys/rotate (issue #16, scope admin.keys): the keys'
/// public facts, and a rotation that signs the next token on this node with the new key, keeps the old one published,
/// and is audited with the calling client.
/// </summary>
public sealed class AdminSigningKeyTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_rotation_signs_the_next_token_with_the_new_key_keeps_the_old_one_published_and_names_the_caller()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.AdminKeysKeeper, AdminScopes.Keys);
        var before = await SendAsync(HttpMethod.Get, "/admin/v1/signing-keys", token);
        var signingBefore = before.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("signing").GetBoolean()).GetProperty("kid").GetString();

        var rotation = await SendAsync(HttpMethod.Post, "/admin/v1/signing-keys/rotate", token);
        var newKid = rotation.GetProperty("kid").GetString();
        var after = await SendAsync(HttpMethod.Get, "/admin/v1/signing-keys", token);
        var nextToken = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var published = await Jwt.PublishedKidsAsync(Server.Client);
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        var audited = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == "key.rotated" && e.Detail == newKid).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(newKid, Is.Not.EqualTo(signingBefore));
            Assert.That(rotation.GetProperty("retired").EnumerateArray().Select(k => k.GetString()), Does.Contain(signingBefore));
            Assert.That(after.GetProperty("items")[0].GetProperty("kid").GetString(), Is.EqualTo(newKid), "newest first");
            Assert.That(after.GetProperty("items").EnumerateArray().Where(k => k.GetProperty("signing").GetBoolean()).Select(k => k.GetProperty("kid").GetString()),
                Is.EqualTo(new[] { newKid }), "one key signs");
            Assert.That(after.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(after.ToString(), Does.Not.Contain("\"d\"").And.Not.Contain("private"), "no private key material");
            Assert.That(Jwt.Header(nextToken)["kid"]?.GetValue<string>(), Is.EqualTo(newKid), "this node signs with the new key at once");
            Assert.That(published, Does.Contain(newKid).And.Contain(signingBefore), "the old key stays published for its tokens");
            Assert.That(audited.Select(e => e.Actor), Is.EqualTo(new[] { "client:" + TestSeed.AdminKeysKeeper.Id }), "audited with the caller as its actor");
        });
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
        return body;
    }
}
