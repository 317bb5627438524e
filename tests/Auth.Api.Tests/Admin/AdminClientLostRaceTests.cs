using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.TestSupport;
using Auth.Application.Admin;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// A client replacement whose registration is saved by another writer between its read and its save writes nothing and
/// answers 409 (412 with If-Match), never a 500, a change to the roles alone included: the roles live beside the
/// registration, so changing them gives the registration a new version that a racing writer's save is checked against.
/// </summary>
public sealed class AdminClientLostRaceTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_replacement_that_loses_its_race_answers_409_or_412_and_writes_nothing_a_roles_only_one_too()
    {
        var client = await RegisterOwnClientAsync("raced", [TestSeed.OrdersRead]);
        var raceLoser = RowRaceLoser.ForClient();
        await using var racing = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["OAuth:Issuer"] = Server.BaseAddress.AbsoluteUri },
            services => raceLoser.AddTo(services, postgres: Server.Store.Kind == StoreKind.Postgres));
        var api = new AdminApi(racing.Client, await new OAuthClient(racing.Client).GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}"));
        var path = "/admin/v1/clients/" + client.Id;
        var read = await api.GetAsync(path);
        var renamed = new { client_name = "Never written", grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead } };
        var rolesOnly = new { grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead }, roles = new Dictionary<string, string[]> { ["auditor"] = ["Security"] } };

        var same = await api.SendAsync(HttpMethod.Put, path, new { grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead } });
        Assert.That(same.ETag, Is.EqualTo(read.ETag), "the bodies below state the client as stored, so the roles alone differ in the last");

        raceLoser.Key = client.Id;
        var lostRename = await api.SendAsync(HttpMethod.Put, path, renamed);
        var lostWithIfMatch = await api.SendAsync(HttpMethod.Put, path, renamed, ifMatch: read.ETag);
        var lostRoles = await api.SendAsync(HttpMethod.Put, path, rolesOnly);
        var raised = raceLoser.Raised;
        raceLoser.Key = null;
        var after = await api.GetAsync(path);
        var roles = await api.SendAsync(HttpMethod.Put, path, rolesOnly);

        Assert.Multiple(() =>
        {
            Assert.That(lostRename.Status, Is.EqualTo(HttpStatusCode.Conflict), lostRename.Text);
            Assert.That(lostRename.Error, Is.EqualTo("conflict"));
            Assert.That(lostWithIfMatch.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed), lostWithIfMatch.Text);
            Assert.That(lostRoles.Status, Is.EqualTo(HttpStatusCode.Conflict), "a roles-only change saves the registration too, so it loses: " + lostRoles.Text);
            Assert.That(raised, Is.EqualTo(3), "each of the three reached its save");
            Assert.That(after.Body.TryGetProperty("client_name", out var name) ? name.GetString() : null, Is.Not.EqualTo("Never written"), "nothing was written");
            Assert.That(after.Body.TryGetProperty("roles", out var none) ? none.EnumerateObject().Count() : 0, Is.Zero, "not the roles either");
            Assert.That(roles.Status, Is.EqualTo(HttpStatusCode.OK), "without the race the same change is made: " + roles.Text);
        });
    }
}
