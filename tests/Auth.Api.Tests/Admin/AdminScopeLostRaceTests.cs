using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.TestSupport;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// A scope change or removal whose row is saved by another writer between its read and its save writes nothing and
/// answers 409 (412 with If-Match), never a 500 (the console's scope page, which always sends the version it read, maps the
/// same refusal to its own 409 page). The node that lost drops its scope catalog at once, so it reads the other writer's
/// row without waiting for the change feed (the raised row here records no change in the feed).
/// </summary>
public sealed class AdminScopeLostRaceTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_change_or_removal_that_loses_its_race_answers_409_or_412_and_writes_nothing()
    {
        var name = "raced-" + Guid.NewGuid().ToString("N")[..8];
        var raceLoser = RowRaceLoser.ForScope();
        await using var racing = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["OAuth:Issuer"] = Server.BaseAddress.AbsoluteUri },
            services => raceLoser.AddTo(services, postgres: Server.Store.Kind == StoreKind.Postgres));
        var api = new AdminApi(racing.Client, await new OAuthClient(racing.Client).GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}"));
        var path = "/admin/v1/scopes/" + name;
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/scopes", new { name, display_name = "Before" });
        var read = await api.GetAsync(path);

        // The creation's own change in the feed drops the catalog once more; it must have come and gone before the race,
        // or its drop, not the lost race's, would be what lets the node read the row again.
        await Task.Delay(TimeSpan.FromSeconds(2));
        read = await api.GetAsync(path);

        // Each If-Match is the version read just before, so the change passes the version check and loses at its save.
        raceLoser.Key = name;
        var lostChange = await api.SendAsync(HttpMethod.Put, path, new { display_name = "Never written" });
        var lostWithIfMatch = await api.SendAsync(HttpMethod.Put, path, new { display_name = "Never written" }, ifMatch: (await api.GetAsync(path)).ETag);
        var lostRemoval = await api.SendAsync(HttpMethod.Delete, path);
        var lostRemovalWithIfMatch = await api.SendAsync(HttpMethod.Delete, path, ifMatch: (await api.GetAsync(path)).ETag);
        var raised = raceLoser.Raised;
        raceLoser.Key = null;
        var after = await api.GetAsync(path);
        var changed = await api.SendAsync(HttpMethod.Put, path, new { display_name = "Written" });

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(lostChange.Status, Is.EqualTo(HttpStatusCode.Conflict), lostChange.Text);
            Assert.That(lostChange.Error, Is.EqualTo("conflict"));
            Assert.That(lostWithIfMatch.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed), lostWithIfMatch.Text);
            Assert.That(lostRemoval.Status, Is.EqualTo(HttpStatusCode.Conflict), lostRemoval.Text);
            Assert.That(lostRemovalWithIfMatch.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed), lostRemovalWithIfMatch.Text);
            Assert.That(raised, Is.EqualTo(4), "each of the four reached its save");
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), "the scope is still there: " + after.Text);
            Assert.That(after.Body.GetProperty("display_name").GetString(), Is.EqualTo("Before"), "nothing was written");
            Assert.That(after.ETag, Is.Not.EqualTo(read.ETag), "the other writer's save is what this node reads now");
            Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), "without the race the same change is made, on the node that lost: " + changed.Text);
        });
    }
}
