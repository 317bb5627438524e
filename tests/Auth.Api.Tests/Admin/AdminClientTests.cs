using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Domain.Audit;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ClientKeys = Auth.Api.Tests.OAuth.PrivateKeyJwt.ClientKeys;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// /admin/v1/clients (issue #16, admin.clients.read and admin.clients.write): create with a secret generated and shown
/// once, read with an ETag, list in keyset pages, replace with If-Match, delete cutting off the client's tokens, and
/// the refusals (400 with fields, 404, 409, 412, 403).
/// </summary>
public sealed class AdminClientTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_client_credentials_client_created_without_a_secret_gets_one_shown_once_that_obtains_tokens()
    {
        var api = await AdminAsync();
        var id = "created-" + Guid.NewGuid().ToString("N")[..8];

        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients",
            new { client_id = id, client_name = "Created", grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead } });
        var secret = created.Body.GetProperty("client_secret").GetString()!;
        var token = await OAuth.GetAccessTokenAsync(new TestClient(id, secret), TestSeed.OrdersRead);
        var read = await api.GetAsync("/admin/v1/clients/" + id);
        var (listed, _) = await api.ReadAllAsync("/admin/v1/clients?client_id_prefix=" + id);
        var audited = await AuditedAsync("client.registered", id);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Location, Is.EqualTo(new Uri(Server.BaseAddress, "/admin/v1/clients/" + id).AbsoluteUri));
            Assert.That(created.ETag, Does.StartWith("\"").And.Not.StartWith("W/"), "a strong ETag");
            Assert.That(created.Body.GetProperty("confidential").GetBoolean(), Is.True);
            Assert.That(secret, Has.Length.EqualTo(43), "32 random bytes, base64url without padding");
            Assert.That(token, Is.Not.Empty, "the generated secret obtains tokens");
            Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(read.ETag, Is.EqualTo(created.ETag), "nothing changed since the create");
            Assert.That(read.Body.GetProperty("client_name").GetString(), Is.EqualTo("Created"));
            Assert.That(read.Body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { TestSeed.OrdersRead }));
            Assert.That(read.Body.TryGetProperty("client_secret", out _), Is.False, "the secret is shown once, in the create's answer");
            Assert.That(read.Text, Does.Not.Contain(secret));
            Assert.That(listed.Select(c => c.GetProperty("client_id").GetString()), Is.EqualTo(new[] { id }));
            Assert.That(listed.Single().ToString(), Does.Not.Contain(secret));
            Assert.That(audited.Select(e => e.Actor), Is.EqualTo(new[] { "client:" + TestSeed.AdminClientsKeeper.Id }), "audited with the caller as its actor");
        });
    }

    [Test]
    public async Task A_stated_secret_is_never_returned_and_obtains_tokens()
    {
        var api = await AdminAsync();
        var client = new TestClient("stated-" + Guid.NewGuid().ToString("N")[..8], "stated-secret-" + Guid.NewGuid().ToString("N"));

        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients",
            new { client_id = client.Id, client_secret = client.Secret, grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead } });

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Body.TryGetProperty("client_secret", out _), Is.False);
            Assert.That(created.Text, Does.Not.Contain(client.Secret));
        });
        Assert.That(await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead), Is.Not.Empty);
    }

    [Test]
    public async Task A_public_client_gets_no_secret_unless_it_asks_to_be_confidential()
    {
        var api = await AdminAsync();
        var id = "web-" + Guid.NewGuid().ToString("N")[..8];

        var publicClient = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients",
            new { client_id = id, grant_types = new[] { "authorization_code" }, scopes = new[] { "openid" }, redirect_uris = new[] { "https://web.example/cb" } });
        var confidential = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients",
            new { client_id = id + "-c", confidential = true, grant_types = new[] { "authorization_code" }, redirect_uris = new[] { "https://web.example/cb" } });

        Assert.Multiple(() =>
        {
            Assert.That(publicClient.Status, Is.EqualTo(HttpStatusCode.Created), publicClient.Text);
            Assert.That(publicClient.Body.GetProperty("confidential").GetBoolean(), Is.False);
            Assert.That(publicClient.Body.TryGetProperty("client_secret", out _), Is.False);
            Assert.That(publicClient.Body.GetProperty("redirect_uris").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "https://web.example/cb" }));
            Assert.That(confidential.Status, Is.EqualTo(HttpStatusCode.Created), confidential.Text);
            Assert.That(confidential.Body.GetProperty("confidential").GetBoolean(), Is.True);
            Assert.That(confidential.Body.GetProperty("client_secret").GetString(), Has.Length.EqualTo(43));
        });
    }

    [Test]
    public async Task A_token_exchange_client_is_confidential_with_a_generated_secret()
    {
        var api = await AdminAsync();
        var id = "exchanger-" + Guid.NewGuid().ToString("N")[..8];

        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients",
            new { client_id = id, grant_types = new[] { "urn:ietf:params:oauth:grant-type:token-exchange" }, scopes = new[] { "openid" } });

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
            Assert.That(created.Body.GetProperty("confidential").GetBoolean(), Is.True);
            Assert.That(created.Body.GetProperty("client_secret").GetString(), Has.Length.EqualTo(43));
            Assert.That(created.Body.GetProperty("grant_types").EnumerateArray().Select(g => g.GetString()),
                Is.EqualTo(new[] { "urn:ietf:params:oauth:grant-type:token-exchange" }));
        });
    }

    [Test]
    public async Task Creating_a_client_whose_id_exists_is_a_conflict_that_changes_nothing()
    {
        var api = await AdminAsync();

        var again = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients",
            new { client_id = TestSeed.ServiceA.Id, client_secret = "another-secret-9999", grant_types = new[] { "client_credentials" } });

        Assert.Multiple(() =>
        {
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Conflict), again.Text);
            Assert.That(again.Error, Is.EqualTo("conflict"));
        });
        Assert.That(await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead), Is.Not.Empty);
    }

    [Test]
    public async Task An_invalid_definition_is_refused_with_the_fields_named_as_in_the_body()
    {
        var api = await AdminAsync();

        var refused = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new
        {
            client_id = "has space",
            grant_types = new[] { "authorization_code", "password" },
            redirect_uris = new[] { "https://ok.example/cb", "/relative/cb" },
        });

        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Text);
            Assert.That(refused.Error, Is.EqualTo("invalid_request"));
            Assert.That(refused.Fields, Is.SupersetOf(new[] { "client_id", "grant_types[1]", "redirect_uris[1]" }));
        });
    }

    [Test]
    public async Task The_list_pages_by_client_id_and_filters_by_prefix_and_grant_type()
    {
        var api = await AdminAsync();
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..6] + "-";
        var ids = Enumerable.Range(0, 5).Select(i => prefix + i).ToList();
        foreach (var id in ids)
        {
            var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", id.EndsWith('4')
                ? new { client_id = id, grant_types = new[] { "authorization_code" }, redirect_uris = new[] { "https://page.example/cb" } }
                : (object)new { client_id = id, grant_types = new[] { "client_credentials" } });
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
        }

        var (all, pages) = await api.ReadAllAsync($"/admin/v1/clients?client_id_prefix={prefix}&count=2");
        var (codeFlow, _) = await api.ReadAllAsync($"/admin/v1/clients?client_id_prefix={prefix}&grant_type=authorization_code");
        var badCursor = await api.GetAsync("/admin/v1/clients?cursor=%%%");
        var badCount = await api.GetAsync("/admin/v1/clients?count=0");

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(c => c.GetProperty("client_id").GetString()), Is.EqualTo(ids), "every client once, in id order");
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(codeFlow.Select(c => c.GetProperty("client_id").GetString()), Is.EqualTo(new[] { prefix + 4 }));
            Assert.That(badCursor.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badCount.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task A_replacement_with_a_stale_if_match_is_refused_and_changes_nothing()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("put", [TestSeed.OrdersRead]);
        var read = await api.GetAsync("/admin/v1/clients/" + client.Id);
        var definition = new { client_name = "Renamed", grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead, TestSeed.OrdersWrite } };

        var replaced = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, definition, ifMatch: read.ETag);
        var again = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, definition, ifMatch: replaced.ETag);
        var stale = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id,
            new { client_name = "Stale", grant_types = new[] { "client_credentials" } }, ifMatch: read.ETag);
        var after = await api.GetAsync("/admin/v1/clients/" + client.Id);

        Assert.Multiple(() =>
        {
            Assert.That(replaced.Status, Is.EqualTo(HttpStatusCode.OK), replaced.Text);
            Assert.That(replaced.ETag, Is.Not.Null.And.Not.EqualTo(read.ETag), "a change makes a new version");
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.OK), again.Text);
            Assert.That(again.ETag, Is.EqualTo(replaced.ETag), "the same body twice changes nothing");
            Assert.That(stale.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed), stale.Text);
            Assert.That(stale.Error, Is.EqualTo("precondition_failed"));
            Assert.That(after.ETag, Is.EqualTo(replaced.ETag));
            Assert.That(after.Body.GetProperty("client_name").GetString(), Is.EqualTo("Renamed"));
            Assert.That(after.Body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { TestSeed.OrdersRead, TestSeed.OrdersWrite }));
        });
        Assert.That(await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersWrite), Is.Not.Empty, "the secret is kept, the new scope granted");
    }

    [Test]
    public async Task A_change_to_the_roles_alone_makes_a_new_version_so_a_stale_if_match_changes_nothing()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("put-roles", [TestSeed.OrdersRead]);
        var read = await api.GetAsync("/admin/v1/clients/" + client.Id);
        var withRoles = new { grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead }, roles = new Dictionary<string, string[]> { ["auditor"] = ["Security"] } };

        var replaced = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, withRoles, ifMatch: read.ETag);
        var staleReplace = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id,
            new { grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead } }, ifMatch: read.ETag);
        var staleDelete = await api.SendAsync(HttpMethod.Delete, "/admin/v1/clients/" + client.Id, null, ifMatch: read.ETag);
        var after = await api.GetAsync("/admin/v1/clients/" + client.Id);

        Assert.Multiple(() =>
        {
            Assert.That(replaced.Status, Is.EqualTo(HttpStatusCode.OK), replaced.Text);
            Assert.That(replaced.ETag, Is.Not.Null.And.Not.EqualTo(read.ETag), "the roles are part of the version");
            Assert.That(staleReplace.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed), staleReplace.Text);
            Assert.That(staleDelete.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed), staleDelete.Text);
            Assert.That(after.ETag, Is.EqualTo(replaced.ETag));
            Assert.That(after.Body.GetProperty("roles").GetProperty("auditor").EnumerateArray().Select(g => g.GetString()), Is.EqualTo(new[] { "Security" }));
        });
    }

    [Test]
    public async Task A_replacement_of_a_client_that_registered_itself_keeps_it_a_stranger_with_its_authentication()
    {
        var api = await AdminAsync();
        var clientId = await RegisterStrangerAsync("put-stranger", "stranger-secret-" + Guid.NewGuid().ToString("N"));

        var replaced = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + clientId, new
        {
            client_name = "Taken over", grant_types = new[] { "authorization_code" }, scopes = new[] { "openid" }, redirect_uris = new[] { TestSeed.WebAppCallback },
            first_party = true, require_pkce = false,
        });
        var keyed = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + clientId, new
        {
            grant_types = new[] { "authorization_code" }, scopes = new[] { "openid" }, redirect_uris = new[] { TestSeed.WebAppCallback },
            jwks = ClientKeys.Rsa().Jwks,
        });

        Assert.Multiple(() =>
        {
            Assert.That(replaced.Status, Is.EqualTo(HttpStatusCode.OK), replaced.Text);
            Assert.That(replaced.Body.GetProperty("client_name").GetString(), Is.EqualTo("Taken over"));
            Assert.That(replaced.Body.GetProperty("first_party").GetBoolean(), Is.False, "its users are still asked for consent");
            Assert.That(replaced.Body.GetProperty("require_pkce").GetBoolean(), Is.True, "it still sends PKCE");
            Assert.That(keyed.Status, Is.EqualTo(HttpStatusCode.BadRequest), keyed.Text);
            Assert.That(keyed.Text, Does.Contain("keeps how it authenticates"));
        });
    }

    [Test]
    public async Task A_replacement_is_validated_like_a_creation()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("put-bad", [TestSeed.OrdersRead]);

        var refused = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id,
            new { grant_types = new[] { "authorization_code" }, redirect_uris = new[] { "https://ok.example/cb#fragment" } });
        var unknownScope = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id,
            new { grant_types = new[] { "client_credentials" }, scopes = new[] { "nobody.knows" } });

        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Text);
            Assert.That(refused.Fields, Does.Contain("redirect_uris[0]"));
            Assert.That(unknownScope.Status, Is.EqualTo(HttpStatusCode.BadRequest), unknownScope.Text);
        });
    }

    [Test]
    public async Task Signed_userinfo_is_set_shown_and_cleared_by_replacement_and_only_rs256_is_taken()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("userinfo-alg", [TestSeed.OrdersRead]);
        object Definition(string? algorithm) => new
        {
            grant_types = new[] { "authorization_code" },
            redirect_uris = new[] { "https://signed.example/cb" },
            scopes = new[] { "openid" },
            userinfo_signed_response_alg = algorithm,
        };

        var signed = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, Definition("RS256"));
        var shown = await api.GetAsync("/admin/v1/clients/" + client.Id);
        var refused = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, Definition("HS256"));
        var cleared = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, Definition(null));

        Assert.Multiple(() =>
        {
            Assert.That(signed.Status, Is.EqualTo(HttpStatusCode.OK), signed.Text);
            Assert.That(shown.Body.GetProperty("userinfo_signed_response_alg").GetString(), Is.EqualTo("RS256"));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Text);
            Assert.That(refused.Fields, Does.Contain("userinfo_signed_response_alg"));
            Assert.That(cleared.Status, Is.EqualTo(HttpStatusCode.OK), cleared.Text);
            Assert.That(cleared.Body.TryGetProperty("userinfo_signed_response_alg", out _), Is.False, "a replacement without it clears it");
        });
    }

    [Test]
    public async Task A_logo_and_links_are_set_shown_and_cleared_by_replacement_and_only_https_urls_are_taken()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("client-links", [TestSeed.OrdersRead]);
        object Definition(string? logo, string? policy = null, string? terms = null, string? home = null, string[]? contacts = null) => new
        {
            grant_types = new[] { "authorization_code" },
            redirect_uris = new[] { "https://links.example/cb" },
            scopes = new[] { "openid" },
            logo_uri = logo,
            policy_uri = policy,
            tos_uri = terms,
            client_uri = home,
            contacts,
        };

        var set = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id,
            Definition("https://links.example/logo.svg", "https://links.example/privacy", "https://links.example/terms", "https://links.example/", ["it@links.example"]));
        var shown = await api.GetAsync("/admin/v1/clients/" + client.Id);
        var refused = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id,
            Definition("javascript:alert(1)", terms: "ftp://links.example/terms", home: "links.example", contacts: ["it@links.example", "it links.example"]));
        var cleared = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, Definition(null));

        Assert.Multiple(() =>
        {
            Assert.That(set.Status, Is.EqualTo(HttpStatusCode.OK), set.Text);
            Assert.That(shown.Body.GetProperty("logo_uri").GetString(), Is.EqualTo("https://links.example/logo.svg"));
            Assert.That(shown.Body.GetProperty("policy_uri").GetString(), Is.EqualTo("https://links.example/privacy"));
            Assert.That(shown.Body.GetProperty("tos_uri").GetString(), Is.EqualTo("https://links.example/terms"));
            Assert.That(shown.Body.GetProperty("client_uri").GetString(), Is.EqualTo("https://links.example/"));
            Assert.That(shown.Body.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "it@links.example" }));
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.Text);
            Assert.That(refused.Fields, Does.Contain("logo_uri").And.Contain("tos_uri").And.Contain("client_uri").And.Contain("contacts[1]"));
            Assert.That(cleared.Status, Is.EqualTo(HttpStatusCode.OK), cleared.Text);
            Assert.That(cleared.Body.TryGetProperty("logo_uri", out _), Is.False, "a replacement without it clears it");
            Assert.That(cleared.Body.TryGetProperty("policy_uri", out _), Is.False);
            Assert.That(cleared.Body.TryGetProperty("client_uri", out _), Is.False);
            Assert.That(cleared.Body.GetProperty("contacts").GetArrayLength(), Is.Zero, "a replacement without contacts clears them");
        });
    }

    [Test]
    public async Task Allowed_cors_origins_are_stored_as_browsers_send_them_shown_and_refused_when_no_origin()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("cors-origins", [TestSeed.OrdersRead]);
        object Definition(params string[] origins) => new
        {
            grant_types = new[] { "authorization_code" },
            redirect_uris = new[] { "https://spa.example/cb" },
            scopes = new[] { "openid" },
            allowed_cors_origins = origins,
        };

        var set = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id,
            Definition("https://SPA.Example:443/", "http://localhost:5173", "https://spa.example", "https://admin.example:8443"));
        var shown = await api.GetAsync("/admin/v1/clients/" + client.Id);
        var refused = new[] { "https://spa.example/app", "*", "null", "http://spa.example", "https://spa.example?x=1", "https://user@spa.example", "spa.example" };
        var answers = new List<AdminReply>();
        foreach (var origin in refused)
        {
            answers.Add(await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, Definition(origin)));
        }

        var afterRefusals = await api.GetAsync("/admin/v1/clients/" + client.Id);

        Assert.Multiple(() =>
        {
            Assert.That(set.Status, Is.EqualTo(HttpStatusCode.OK), set.Text);
            Assert.That(shown.Body.GetProperty("allowed_cors_origins").EnumerateArray().Select(o => o.GetString()),
                Is.EqualTo(new[] { "http://localhost:5173", "https://admin.example:8443", "https://spa.example" }),
                "lower case, no default port or trailing slash, once each, sorted: as a browser's Origin header");
            for (var i = 0; i < refused.Length; i++)
            {
                Assert.That(answers[i].Status, Is.EqualTo(HttpStatusCode.BadRequest), refused[i]);
                Assert.That(answers[i].Fields, Does.Contain("allowed_cors_origins[0]"), refused[i]);
            }

            Assert.That(afterRefusals.Body.GetProperty("allowed_cors_origins").GetArrayLength(), Is.EqualTo(3), "a refused change wrote nothing");
        });
    }

    [Test]
    public async Task An_unknown_client_is_not_found_on_every_route()
    {
        var api = await AdminAsync();
        const string path = "/admin/v1/clients/nobody-at-all";

        var replies = new[]
        {
            await api.GetAsync(path),
            await api.SendAsync(HttpMethod.Put, path, new { grant_types = new[] { "client_credentials" } }),
            await api.SendAsync(HttpMethod.Delete, path),
            await api.SendAsync(HttpMethod.Post, path + "/secret", new { }),
        };

        Assert.That(replies.Select(r => (r.Status, r.Error)), Is.All.EqualTo((HttpStatusCode.NotFound, (string?)"not_found")));
    }

    [Test]
    public async Task New_keys_in_a_replacement_cut_off_the_tokens_issued_with_the_old_ones_and_a_rename_does_not()
    {
        var api = await AdminAsync();
        var (old, renewed) = (ClientKeys.Rsa(), ClientKeys.Rsa());
        var clientId = "keyed-" + Guid.NewGuid().ToString("N")[..8];
        var definition = new Dictionary<string, object>
        {
            ["client_id"] = clientId, ["grant_types"] = new[] { "client_credentials" }, ["scopes"] = new[] { TestSeed.OrdersRead }, ["jwks"] = old.Jwks,
        };
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", definition);
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Text);
        var first = await TokenWithAsync(clientId, old);
        var renamed = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + clientId, new Dictionary<string, object>(definition) { ["client_name"] = "Renamed" });
        var activeAfterRename = await OAuth.IsActiveAsync(first, TestSeed.OrdersApiClient);

        var rekeyed = await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + clientId, new Dictionary<string, object>(definition) { ["jwks"] = renewed.Jwks });
        var second = await TokenWithAsync(clientId, renewed);

        Assert.Multiple(async () =>
        {
            Assert.That(renamed.Status, Is.EqualTo(HttpStatusCode.OK), renamed.Text);
            Assert.That(activeAfterRename, Is.True, "the same keys: nothing is cut off");
            Assert.That(rekeyed.Status, Is.EqualTo(HttpStatusCode.OK), rekeyed.Text);
            Assert.That(await OAuth.IsActiveAsync(first, TestSeed.OrdersApiClient), Is.False, "issued while the old keys held: they may have leaked");
            Assert.That(await OAuth.IsActiveAsync(second, TestSeed.OrdersApiClient), Is.True);
        });
    }

    [Test]
    public async Task A_removed_clients_tokens_stop_being_active_and_it_gets_no_more()
    {
        var api = await AdminAsync();
        var client = await RegisterOwnClientAsync("removed", [TestSeed.OrdersRead]);
        var token = await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead);
        Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.True);
        var read = await api.GetAsync("/admin/v1/clients/" + client.Id);
        await api.SendAsync(HttpMethod.Put, "/admin/v1/clients/" + client.Id, new { client_name = "Changed", grant_types = new[] { "client_credentials" }, scopes = new[] { TestSeed.OrdersRead } });

        var stale = await api.SendAsync(HttpMethod.Delete, "/admin/v1/clients/" + client.Id, ifMatch: read.ETag);
        var removed = await api.SendAsync(HttpMethod.Delete, "/admin/v1/clients/" + client.Id);
        var again = await api.SendAsync(HttpMethod.Delete, "/admin/v1/clients/" + client.Id);
        using var refused = await OAuth.RequestTokenAsync(client, TestSeed.OrdersRead);

        Assert.Multiple(async () =>
        {
            Assert.That(stale.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed), "If-Match is honoured");
            Assert.That(removed.Status, Is.EqualTo(HttpStatusCode.NoContent), removed.Text);
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "client_credentials refused");
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.False, "its token is inactive at introspection");
        });
    }

    [Test]
    public async Task A_token_with_only_the_read_scope_reads_but_cannot_write()
    {
        var api = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, AdminScopes.ClientsRead));

        var read = await api.GetAsync("/admin/v1/clients/" + TestSeed.ServiceA.Id);
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/clients", new { client_id = "not-created", grant_types = new[] { "client_credentials" } });
        var rotated = await api.SendAsync(HttpMethod.Post, $"/admin/v1/clients/{TestSeed.ServiceA.Id}/secret", new { });

        Assert.Multiple(() =>
        {
            Assert.That(read.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(rotated.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
        Assert.That(await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead), Is.Not.Empty);
    }

    private async Task<string> TokenWithAsync(string clientId, ClientKeys keys)
    {
        using var response = await OAuth.PostFormAsync("/oauth/token",
            ClientKeys.TokenForm(clientId, keys.Assertion(clientId, Server.BaseAddress + "oauth/token"), TestSeed.OrdersRead));
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private async Task<AdminApi> AdminAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}"));

    private async Task<List<AuditEntry>> AuditedAsync(string eventType, string clientId)
    {
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == eventType && e.ClientId == clientId).ToListAsync();
    }
}
