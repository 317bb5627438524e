using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// /admin/v1/identity-providers (issue #16, scopes admin.identity-providers.read and .write): a provider registered,
/// read, replaced and removed over HTTP shows on, and goes from, this node's sign-in page at once; its client secret is
/// never shown; refusals are 409, 400 with a field list, 412 and 403. The providers point at an upstream that does not
/// answer: none of this needs one.
/// </summary>
public sealed class AdminIdentityProviderTests(StoreKind store) : ServerTest(store)
{
    private const string Path = "/admin/v1/identity-providers";
    private const string Secret = "upstream-secret-never-shown-0001";
    private const string Unreachable = "http://127.0.0.1:9/";

    // The catalog's timer never comes round during a test: what this node knows at once, the write's own reload told it.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["IdentityProviders:RefreshInterval"] = "1.00:00:00" };

    [Test]
    public async Task A_registered_provider_is_listed_offered_on_the_sign_in_page_and_never_shows_its_secret()
    {
        var id = NewId();
        using var created = await SendAsync(HttpMethod.Post, Path, await WriterTokenAsync(), Definition(id));
        var body = await OAuthClient.ReadJsonAsync(created);
        var list = await ReadAsync(Path);
        using var one = await SendAsync(HttpMethod.Get, Path + "/" + id, await ReaderTokenAsync());
        var oneBody = await OAuthClient.ReadJsonAsync(one);
        var signInPage = await SignInPageAsync();
        using var start = await Server.Client.GetAsync("/signin/" + id);
        var actors = await AuditActorsAsync("idp.registered", id + " created");

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(created.Headers.Location, Is.EqualTo(new Uri(Server.BaseAddress, "admin/v1/identity-providers/" + id)));
            Assert.That(created.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(body.GetProperty("display_name").GetString(), Is.EqualTo("Contoso " + id));
            Assert.That(body.GetProperty("has_client_secret").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("linking").GetProperty("just_in_time").GetBoolean(), Is.True);
            Assert.That(body.GetProperty("claims").GetProperty("user_name").GetString(), Is.EqualTo("preferred_username"), "defaults filled in");
            Assert.That(body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "openid", "profile", "email" }));
            Assert.That(body.GetProperty("domains").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { id + ".example" }));

            var listed = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
            Assert.That(listed.GetProperty("has_client_secret").GetBoolean(), Is.True);
            Assert.That(listed.GetProperty("linking_rules").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "justInTime" }));
            Assert.That(list.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));

            Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(one.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(one.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(oneBody.GetProperty("version").GetInt64(), Is.EqualTo(1));
            foreach (var shown in new[] { body.ToString(), list.ToString(), oneBody.ToString() })
            {
                Assert.That(shown, Does.Not.Contain(Secret).And.Not.Contain("\"client_secret\""), "never the secret");
            }

            Assert.That(signInPage, Does.Contain($"data-testid=\"idp-{id}\""), "offered on this node at once");
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), "its sign-in is loaded on this node at once (404 before), and its upstream does not answer");
            Assert.That(actors, Is.EqualTo(new[] { "client:" + TestSeed.AdminIdentityProvidersKeeper.Id }), "audited with the caller");
        });
    }

    [Test]
    public async Task A_taken_id_is_409_conflict()
    {
        var id = NewId();
        var token = await WriterTokenAsync();
        using var first = await SendAsync(HttpMethod.Post, Path, token, Definition(id));
        using var second = await SendAsync(HttpMethod.Post, Path, token, Definition(id));
        var body = await OAuthClient.ReadJsonAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("conflict"));
        });
    }

    [Test]
    public async Task An_invalid_definition_is_400_with_the_fields_at_fault()
    {
        var definition = Definition("Not_An_Id");
        definition["issuer"] = "ftp://upstream.example/";
        definition["scopes"] = new JsonArray("profile");
        definition["client_secret"] = "short";
        definition["linking"] = new JsonObject { ["verified_email"] = true };
        definition.Remove("domains");
        using var response = await SendAsync(HttpMethod.Post, Path, await WriterTokenAsync(), definition);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()),
                Is.SupersetOf(new[] { "id", "issuer", "client_secret", "scopes", "domains" }), "named as the body names them");
            Assert.That(body.ToString(), Does.Not.Contain("short"), "the secret is not echoed");
        });
    }

    [Test]
    public async Task A_replacement_takes_effect_at_once_repeats_harmlessly_and_a_stale_version_is_412()
    {
        var id = NewId();
        var token = await WriterTokenAsync();
        using var created = await SendAsync(HttpMethod.Post, Path, token, Definition(id));
        var renamed = Definition(id);
        renamed["display_name"] = "Renamed " + id;
        renamed["enabled"] = true;

        using var replaced = await SendAsync(HttpMethod.Put, Path + "/" + id, token, renamed, ifMatch: "\"1\"");
        var replacedBody = await OAuthClient.ReadJsonAsync(replaced);
        using var repeated = await SendAsync(HttpMethod.Put, Path + "/" + id, token, renamed);
        using var stale = await SendAsync(HttpMethod.Put, Path + "/" + id, token, renamed, ifMatch: "\"1\"");
        var staleBody = await OAuthClient.ReadJsonAsync(stale);
        renamed["id"] = "someone-else";
        using var otherId = await SendAsync(HttpMethod.Put, Path + "/" + id, token, renamed);
        var signInPage = await SignInPageAsync();

        Assert.Multiple(() =>
        {
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), replacedBody.ToString());
            Assert.That(replacedBody.GetProperty("display_name").GetString(), Is.EqualTo("Renamed " + id));
            Assert.That(replaced.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(repeated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(repeated.Headers.ETag?.Tag, Is.EqualTo("\"2\""), "the same body again changes nothing");
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), staleBody.ToString());
            Assert.That(staleBody.GetProperty("error").GetString(), Is.EqualTo("precondition_failed"));
            Assert.That(otherId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the body's id must be the path's");
            Assert.That(signInPage, Does.Contain("Renamed " + id), "the button's new text, on this node at once");
        });
    }

    [Test]
    public async Task A_removed_provider_is_gone_from_the_list_and_the_sign_in_page()
    {
        var id = NewId();
        var token = await WriterTokenAsync();
        using var created = await SendAsync(HttpMethod.Post, Path, token, Definition(id));
        var offered = await SignInPageAsync();
        using var startBefore = await Server.Client.GetAsync("/signin/" + id);

        using var removed = await SendAsync(HttpMethod.Delete, Path + "/" + id, token);
        using var again = await SendAsync(HttpMethod.Delete, Path + "/" + id, token);
        using var read = await SendAsync(HttpMethod.Get, Path + "/" + id, await ReaderTokenAsync());
        var list = await ReadAsync(Path);
        var signInPage = await SignInPageAsync();
        using var startAfter = await Server.Client.GetAsync("/signin/" + id);
        var actors = await AuditActorsAsync("idp.removed", id);

        Assert.Multiple(() =>
        {
            Assert.That(offered, Does.Contain($"data-testid=\"idp-{id}\""));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()), Does.Not.Contain(id));
            Assert.That(signInPage, Does.Not.Contain($"data-testid=\"idp-{id}\""));
            Assert.That(startBefore.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), "loaded, its upstream not answering");
            Assert.That(startAfter.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "unloaded on this node at once");
            Assert.That(actors, Is.EqualTo(new[] { "client:" + TestSeed.AdminIdentityProvidersKeeper.Id }));
        });
    }

    [Test]
    public async Task A_token_with_only_the_read_scope_is_refused_every_write()
    {
        var id = NewId();
        var readOnly = await ReaderTokenAsync();
        using var post = await SendAsync(HttpMethod.Post, Path, readOnly, Definition(id));
        using var put = await SendAsync(HttpMethod.Put, Path + "/" + id, readOnly, Definition(id));
        using var delete = await SendAsync(HttpMethod.Delete, Path + "/" + id, readOnly);
        using var get = await SendAsync(HttpMethod.Get, Path, readOnly);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { post.StatusCode, put.StatusCode, delete.StatusCode }, Is.All.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(post.Headers.WwwAuthenticate.ToString(), Does.Contain("scope=\"admin.identity-providers.write\""));
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task The_old_admin_scope_still_manages_identity_providers()
    {
        var id = NewId();
        var token = await OAuth.GetAccessTokenAsync(TestSeed.AdminClient, AdminScopes.Everything);
        using var created = await SendAsync(HttpMethod.Post, Path, token, Definition(id));
        using var listed = await SendAsync(HttpMethod.Get, Path, token);
        using var removed = await SendAsync(HttpMethod.Delete, Path + "/" + id, token);

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    private static string NewId() => "idp-" + Guid.NewGuid().ToString("N")[..10];

    private static JsonObject Definition(string id) => new()
    {
        ["id"] = id,
        ["display_name"] = "Contoso " + id,
        ["kind"] = "okta",
        ["issuer"] = Unreachable,
        ["client_id"] = "auth-service",
        ["client_secret"] = Secret,
        ["domains"] = new JsonArray(id + ".example"),
        ["linking"] = new JsonObject { ["just_in_time"] = true },
    };

    private Task<string> WriterTokenAsync() =>
        OAuth.GetAccessTokenAsync(TestSeed.AdminIdentityProvidersKeeper, AdminScopes.IdentityProvidersRead + " " + AdminScopes.IdentityProvidersWrite);

    private Task<string> ReaderTokenAsync() => OAuth.GetAccessTokenAsync(TestSeed.AdminIdentityProvidersKeeper, AdminScopes.IdentityProvidersRead);

    private async Task<JsonElement> ReadAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, await ReaderTokenAsync());
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, JsonObject? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Server.Client.SendAsync(request);
    }

    private async Task<string> SignInPageAsync()
    {
        using var response = await Server.Client.GetAsync("/account/login");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<List<string?>> AuditActorsAsync(string eventType, string detail)
    {
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == eventType && e.Detail == detail).Select(e => e.Actor).ToListAsync();
    }
}
