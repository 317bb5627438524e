using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// /admin/v1/scopes (issue #16, admin.clients.read and admin.clients.write): create, read with an ETag, list in keyset
/// pages, replace with If-Match, and removal refused while clients may ask for the scope (naming them) or for a
/// built-in scope.
/// </summary>
public sealed class AdminScopeTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_scope_is_created_read_replaced_and_removed()
    {
        var api = await AdminAsync();
        var name = "invoices." + Guid.NewGuid().ToString("N")[..6];

        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/scopes", new { name, display_name = "Invoices", resources = new[] { "invoices-api" } });
        var again = await api.SendAsync(HttpMethod.Post, "/admin/v1/scopes", new { name });
        var read = await api.GetAsync("/admin/v1/scopes/" + name);
        var replaced = await api.SendAsync(HttpMethod.Put, "/admin/v1/scopes/" + name,
            new { display_name = "Read invoices", description = "Reads invoices.", resources = new[] { "invoices-api", "billing-api" } }, ifMatch: read.ETag);
        var stale = await api.SendAsync(HttpMethod.Put, "/admin/v1/scopes/" + name, new { display_name = "Stale" }, ifMatch: read.ETag);
        var after = await api.GetAsync("/admin/v1/scopes/" + name);
        var staleRemoval = await api.SendAsync(HttpMethod.Delete, "/admin/v1/scopes/" + name, ifMatch: read.ETag);
        var removed = await api.SendAsync(HttpMethod.Delete, "/admin/v1/scopes/" + name, ifMatch: after.ETag);
        var gone = await api.GetAsync("/admin/v1/scopes/" + name);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Location, Does.EndWith("/admin/v1/scopes/" + name));
            Assert.That(created.Body.GetProperty("built_in").GetBoolean(), Is.False);
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(again.Error, Is.EqualTo("conflict"));
            Assert.That(read.ETag, Is.EqualTo(created.ETag));
            Assert.That(replaced.Status, Is.EqualTo(HttpStatusCode.OK), replaced.Text);
            Assert.That(replaced.ETag, Is.Not.EqualTo(read.ETag));
            Assert.That(stale.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(after.Body.GetProperty("display_name").GetString(), Is.EqualTo("Read invoices"), "the stale replacement changed nothing");
            Assert.That(after.Body.GetProperty("resources").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "billing-api", "invoices-api" }));
            Assert.That(staleRemoval.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(removed.Status, Is.EqualTo(HttpStatusCode.NoContent), removed.Text);
            Assert.That(gone.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(gone.Error, Is.EqualTo("not_found"));
        });
    }

    [Test]
    public async Task The_list_pages_through_every_scope_by_name_built_in_ones_marked()
    {
        var api = await AdminAsync();

        var (scopes, pages) = await api.ReadAllAsync("/admin/v1/scopes?count=3");
        var names = scopes.Select(s => s.GetProperty("name").GetString()!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Unique.And.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(names, Does.Contain(TestSeed.OrdersRead).And.Contain(AdminScopes.ClientsWrite).And.Contain(TestSeed.Mfa));
            Assert.That(pages, Is.GreaterThan(1));
            Assert.That(scopes.Single(s => s.GetProperty("name").GetString() == AdminScopes.ClientsWrite).GetProperty("built_in").GetBoolean(), Is.True);
            Assert.That(scopes.Single(s => s.GetProperty("name").GetString() == TestSeed.OrdersRead).GetProperty("built_in").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task A_scope_clients_may_ask_for_is_kept_with_their_ids_until_they_drop_it()
    {
        var api = await AdminAsync();
        var name = "reports." + Guid.NewGuid().ToString("N")[..6];
        var clientId = "reporter-" + Guid.NewGuid().ToString("N")[..6];
        Assert.That((await api.SendAsync(HttpMethod.Post, "/admin/v1/scopes", new { name, resources = new[] { "reports-api" } })).Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await api.SendAsync(HttpMethod.Post, "/admin/v1/clients",
            new { client_id = clientId, grant_types = new[] { "client_credentials" }, scopes = new[] { name } })).Status, Is.EqualTo(HttpStatusCode.Created));

        var refused = await api.SendAsync(HttpMethod.Delete, "/admin/v1/scopes/" + name);
        var dropped = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + clientId, new { grant_types = new[] { "client_credentials" } });
        var removed = await api.SendAsync(HttpMethod.Delete, "/admin/v1/scopes/" + name);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Conflict), refused.Text);
            Assert.That(refused.Error, Is.EqualTo("conflict"));
            Assert.That(refused.Body.GetProperty("error_description").GetString(), Does.Contain(clientId));
            Assert.That(refused.Body.GetProperty("clients").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { clientId }));
            Assert.That(dropped.Status, Is.EqualTo(HttpStatusCode.OK), dropped.Text);
            Assert.That(removed.Status, Is.EqualTo(HttpStatusCode.NoContent), removed.Text);
        });
    }

    [TestCase("openid")]
    [TestCase("mfa")]
    [TestCase("admin.clients.read")]
    public async Task A_built_in_scope_cannot_be_created_changed_or_removed(string name)
    {
        var api = await AdminAsync();

        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/scopes", new { name });
        var changed = await api.SendAsync(HttpMethod.Put, "/admin/v1/scopes/" + name, new { display_name = "Mine now" });
        var removed = await api.SendAsync(HttpMethod.Delete, "/admin/v1/scopes/" + name);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.BadRequest), created.Text);
            Assert.That(created.Fields, Does.Contain("name"));
            Assert.That((changed.Status, changed.Error), Is.EqualTo((HttpStatusCode.Conflict, (string?)"conflict")), changed.Text);
            Assert.That((removed.Status, removed.Error), Is.EqualTo((HttpStatusCode.Conflict, (string?)"conflict")), removed.Text);
        });
    }

    [Test]
    public async Task An_invalid_scope_is_refused_with_its_fields_and_an_unknown_one_is_not_found()
    {
        var api = await AdminAsync();

        var invalid = await api.SendAsync(HttpMethod.Post, "/admin/v1/scopes", new { name = "two words", resources = new[] { "" } });
        var unknown = await api.SendAsync(HttpMethod.Put, "/admin/v1/scopes/nobody.knows", new { display_name = "x" });
        var unknownRemoval = await api.SendAsync(HttpMethod.Delete, "/admin/v1/scopes/nobody.knows");

        Assert.Multiple(() =>
        {
            Assert.That(invalid.Status, Is.EqualTo(HttpStatusCode.BadRequest), invalid.Text);
            Assert.That(invalid.Fields, Is.SupersetOf(new[] { "name", "resources[0]" }));
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownRemoval.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_token_with_only_the_read_scope_reads_scopes_but_cannot_change_them()
    {
        var api = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, AdminScopes.ClientsRead));

        var read = await api.GetAsync("/admin/v1/scopes/" + TestSeed.OrdersRead);
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/scopes", new { name = "not.created" });
        var removed = await api.SendAsync(HttpMethod.Delete, "/admin/v1/scopes/" + TestSeed.OrdersWrite);

        Assert.Multiple(() =>
        {
            Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(removed.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    private async Task<AdminApi> AdminAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}"));
}
