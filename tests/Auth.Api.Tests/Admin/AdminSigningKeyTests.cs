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
/// GET /admin/v1/signing-keys and POST /admin/v1/signing-keys/rotate (issue #16, scope admin.keys): the keys' public
/// facts, and a staged rotation: the new key is published at once and signs from <c>signs_from</c>
/// (SigningKeys:PublishAhead, an hour in this fixture), the old key signs until then and stays published for its
/// tokens, and the rotation is audited with the calling client.
/// </summary>
public sealed class AdminSigningKeyTests(StoreKind store) : ServerTest(store)
{
    private static readonly TimeSpan PublishAhead = TimeSpan.FromHours(1);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SigningKeys:PublishAhead"] = PublishAhead.ToString("c") };

    [Test]
    public async Task A_rotation_publishes_the_new_key_at_once_signs_with_it_from_its_start_and_names_the_caller()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.AdminKeysKeeper, AdminScopes.Keys);
        var before = await SendAsync(HttpMethod.Get, "/admin/v1/signing-keys", token);
        var signingBefore = before.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("signing").GetBoolean()).GetProperty("kid").GetString();

        var rotatedAt = DateTimeOffset.UtcNow;
        var rotation = await SendAsync(HttpMethod.Post, "/admin/v1/signing-keys/rotate", token);
        var newKid = rotation.GetProperty("kid").GetString();
        var signsFrom = DateTimeOffset.Parse(rotation.GetProperty("signs_from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var after = await SendAsync(HttpMethod.Get, "/admin/v1/signing-keys", token);
        var tokenBeforeStart = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var published = await Jwt.PublishedKidsAsync(Server.Client);

        // The start comes: the server switches on its own, at its next read of the keys (within a second here).
        Server.Clock.Advance(PublishAhead + TimeSpan.FromSeconds(1));
        var tokenAfterStart = await Eventually.ReadAsync(
            () => OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead),
            t => Jwt.Header(t)["kid"]?.GetValue<string>() == newKid,
            TimeSpan.FromSeconds(15));
        var afterStart = await SendAsync(HttpMethod.Get, "/admin/v1/signing-keys", await OAuth.GetAccessTokenAsync(TestSeed.AdminKeysKeeper, AdminScopes.Keys));

        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        var audited = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == "key.rotated" && e.Detail == newKid).ToListAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(newKid, Is.Not.EqualTo(signingBefore));
            Assert.That(signsFrom, Is.EqualTo(rotatedAt + PublishAhead).Within(TimeSpan.FromSeconds(30)), "signs from PublishAhead on");
            Assert.That(signsFrom.Millisecond, Is.Zero, "a whole second");
            Assert.That(rotation.GetProperty("retired").EnumerateArray().Select(k => k.GetString()), Does.Contain(signingBefore));
            Assert.That(after.GetProperty("items")[0].GetProperty("kid").GetString(), Is.EqualTo(newKid), "newest first");
            Assert.That(SigningKids(after), Is.EqualTo(new[] { signingBefore }), "the old key signs until the new one's start");
            Assert.That(after.GetProperty("items")[0].GetProperty("signs_from").GetString(), Is.EqualTo(rotation.GetProperty("signs_from").GetString()));
            Assert.That(after.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(after.ToString(), Does.Not.Contain("\"d\"").And.Not.Contain("private"), "no private key material");
            Assert.That(published, Does.Contain(newKid).And.Contain(signingBefore), "the new key is published before it signs anything");
            Assert.That(Jwt.Header(tokenBeforeStart)["kid"]?.GetValue<string>(), Is.EqualTo(signingBefore), "no token is signed with it before its start");
            Assert.That(SigningKids(afterStart), Is.EqualTo(new[] { newKid }), "one key signs");
            Assert.That(await Jwt.VerifiesWithJwksOfAsync(Server.Client, tokenBeforeStart, Server.BaseAddress, checkLifetime: false), Is.True, "the old key's tokens still verify");
            Assert.That(await Jwt.VerifiesWithJwksOfAsync(Server.Client, tokenAfterStart, Server.BaseAddress, checkLifetime: false), Is.True);
            Assert.That(audited.Select(e => e.Actor), Is.EqualTo(new[] { "client:" + TestSeed.AdminKeysKeeper.Id }), "audited with the caller as its actor");
        });
    }

    private static IEnumerable<string?> SigningKids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Where(k => k.GetProperty("signing").GetBoolean()).Select(k => k.GetProperty("kid").GetString());

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
