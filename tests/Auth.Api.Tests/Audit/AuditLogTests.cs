using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Users;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Audit;

/// <summary>
/// Security events land in the audit table with time, type, subject, client, IP, outcome and correlation id, never a
/// secret; GET /admin/audit (admin scope) and the audit verb read them back.
/// </summary>
public sealed class AuditLogTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Sign_in_failures_and_successes_are_recorded_with_where_they_came_from_and_never_the_password()
    {
        var user = await CreateUserAsync();
        const string wrongPassword = "not-the-password-7";
        using (var browser = NewBrowser())
        {
            var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
            using var refused = await browser.SignInAsync(challenge, user, wrongPassword);
        }

        using (var browser = NewBrowser())
        {
            using var signedIn = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        }

        var entries = await EventuallyAsync($"type=sign_in&subject={await UserIdAsync(user)}", 2);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "success", "failure" }), "newest first");
            Assert.That(entries.Select(e => e.GetProperty("ip_address").GetString()), Is.All.EqualTo("127.0.0.1"));
            Assert.That(entries.Select(e => e.GetProperty("correlation_id").GetString()), Is.All.Not.Empty);
            Assert.That(entries.Select(e => e.GetProperty("detail").GetString()), Is.All.EqualTo(user));
            Assert.That(entries[0].GetProperty("occurred_at").GetString(), Does.EndWith("Z"));
        });
        var stored = await AllStoredTextAsync();
        Assert.That(stored, Does.Not.Contain(wrongPassword));
        Assert.That(stored, Does.Not.Contain(Password));
    }

    [Test]
    public async Task A_lockout_and_an_unknown_user_are_told_apart_in_the_log_but_an_unknown_name_is_not_stored()
    {
        var user = await CreateUserAsync();
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            await FailSignInAsync(user);
        }

        await FailSignInAsync(unknown);

        var entries = await EventuallyAsync($"type=sign_in&subject={await UserIdAsync(user)}", 5);
        var unknownEntries = await EventuallyAsync("type=sign_in&outcome=unknown_user", 1);

        Assert.Multiple(async () =>
        {
            Assert.That(entries[0].GetProperty("outcome").GetString(), Is.EqualTo("locked_out"), "the fifth failure locks the account");
            Assert.That(entries.Skip(1).Select(e => e.GetProperty("outcome").GetString()), Is.All.EqualTo("failure"));
            Assert.That(unknownEntries.Select(e => e.GetProperty("subject").ValueKind), Is.All.EqualTo(JsonValueKind.Null));
            Assert.That(await AllStoredTextAsync(), Does.Not.Contain(unknown), "a mistyped name may be a password");
        });
    }

    [Test]
    public async Task Issued_and_revoked_tokens_are_recorded_with_the_client()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceB, TestSeed.OrdersRead);
        using (await OAuth.RevokeAsync(token, TestSeed.ServiceB))
        {
        }

        var issued = await EventuallyAsync($"type=token.issued&client_id={TestSeed.ServiceB.Id}", 1);
        var revoked = await EventuallyAsync($"type=token.revoked&client_id={TestSeed.ServiceB.Id}", 1);

        Assert.Multiple(() =>
        {
            Assert.That(issued[0].GetProperty("detail").GetString(), Is.EqualTo("client_credentials"));
            Assert.That(issued[0].GetProperty("subject").GetString(), Is.EqualTo(TestSeed.ServiceB.Id));
            Assert.That(revoked[0].GetProperty("outcome").GetString(), Is.EqualTo("success"));
        });
        Assert.That(await AllStoredTextAsync(), Does.Not.Contain(token));
    }

    [Test]
    public async Task A_reused_refresh_token_is_recorded()
    {
        var (_, tokens) = await SignedInTokensAsync();
        var first = tokens.GetProperty("refresh_token").GetString()!;
        using (var rotated = await RefreshAsync(TestSeed.WebApp, first))
        {
            Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var before = (await ReadAsync($"type=token.refresh_reuse_detected&client_id={TestSeed.WebApp.Id}&count=500")).Count;
        using var reuse = await RefreshAsync(TestSeed.WebApp, first);

        var entries = await EventuallyAsync($"type=token.refresh_reuse_detected&client_id={TestSeed.WebApp.Id}&count=500", before + 1);
        Assert.Multiple(() =>
        {
            Assert.That(reuse.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(entries[0].GetProperty("outcome").GetString(), Is.EqualTo("rejected"));
            Assert.That(entries[0].GetProperty("detail").GetString(), Is.EqualTo("refresh_token"));
        });
    }

    [Test]
    public async Task Scim_creates_and_deletes_are_recorded_with_the_provisioning_client()
    {
        var scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        var (created, body) = await scim.PostAsync("/Users", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"audit-{{Guid.NewGuid():N}}"}""");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var id = (string)body!["id"]!;
        var (deleted, _) = await scim.DeleteAsync($"/Users/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var entries = await EventuallyAsync($"subject={id}", 2);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.GetProperty("event_type").GetString()), Is.EqualTo(new[] { "scim.user.deleted", "scim.user.created" }));
            Assert.That(entries.Select(e => e.GetProperty("client_id").GetString()), Is.All.EqualTo(TestSeed.ScimClient.Id));
        });
    }

    [Test]
    public async Task The_audit_endpoint_needs_a_token_with_the_admin_scope()
    {
        using var anonymous = await Server.Client.GetAsync("/admin/audit");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/audit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead));
        using var withoutScope = await Server.Client.SendAsync(request);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/admin/audit");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImFkbWluIn0.");
        using var invalid = await Server.Client.SendAsync(forged);

        Assert.Multiple(async () =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(anonymous.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
            Assert.That((await OAuthClient.ReadJsonAsync(anonymous)).GetProperty("error").GetString(), Is.EqualTo("invalid_token"));
            Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withoutScope.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(withoutScope.Headers.WwwAuthenticate.ToString(), Does.Contain("insufficient_scope"));
        });
    }

    [TestCase("count=0")]
    [TestCase("count=501")]
    [TestCase("count=ten")]
    [TestCase("since=yesterday")]
    [TestCase("before=-4")]
    [TestCase("type=sign_in&type=token.issued")]
    [TestCase("since=2026-11-02T00:00:00Z&until=2026-11-01T00:00:00Z")]
    public async Task Bad_query_parameters_get_400_with_the_error_body(string query)
    {
        using var response = await SendAsync("?" + query);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("error_description").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Pages_go_back_in_time_without_gaps_or_repeats()
    {
        var user = await CreateUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await FailSignInAsync(user);
        }

        var subject = await UserIdAsync(user);
        // The three failures only (the user's registration has the same subject).
        var all = await EventuallyAsync($"type=sign_in&subject={subject}", 3);
        using var first = await SendAsync($"?type=sign_in&subject={subject}&count=2");
        var firstPage = await OAuthClient.ReadJsonAsync(first);
        var next = firstPage.GetProperty("next_before").GetInt64();
        using var second = await SendAsync($"?type=sign_in&subject={subject}&count=2&before={next}");
        var secondPage = await OAuthClient.ReadJsonAsync(second);

        var paged = firstPage.GetProperty("entries").EnumerateArray().Concat(secondPage.GetProperty("entries").EnumerateArray())
            .Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(paged, Is.EqualTo(all.Select(e => e.GetProperty("id").GetInt64())));
            Assert.That(paged, Is.Ordered.Descending);
            Assert.That(secondPage.GetProperty("next_before").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task The_command_line_records_its_changes_and_reads_the_log_back()
    {
        var clientId = "audited-" + Guid.NewGuid().ToString("N")[..8];
        var added = await AuthExecutable.RunAsync(Server.Store,
            "clients", "add", "--id", clientId, "--secret", "audited-secret-000000001", "--grant", "client_credentials");
        Assert.That(added.ExitCode, Is.Zero, added.Error);

        var listed = await AuthExecutable.RunAsync(Server.Store, "audit", "list", "--type", "client.registered", "--client", clientId);

        Assert.Multiple(() =>
        {
            Assert.That(listed.ExitCode, Is.Zero, listed.Error);
            var lines = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0].Split('\t')[2..4], Is.EqualTo(new[] { "client.registered", "success" }));
            Assert.That(lines[0], Does.Contain(clientId));
            Assert.That(listed.Output + added.Output, Does.Not.Contain("audited-secret-000000001"));
        });
    }

    [Test]
    public async Task Records_past_their_retention_are_pruned()
    {
        using (var scope = Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            db.AuditEntries.Add(new Auth.Domain.Audit.AuditEntry(Server.Clock.GetUtcNow().AddDays(-91), "sign_in", "failure", "old-subject", null, null, null, null));
            db.AuditEntries.Add(new Auth.Domain.Audit.AuditEntry(Server.Clock.GetUtcNow().AddDays(-89), "sign_in", "failure", "recent-subject", null, null, null, null));
            await db.SaveChangesAsync();
        }

        var pruned = await Server.Services.GetRequiredService<Auth.Infrastructure.Audit.AuditPruner>().PruneAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(pruned, Is.GreaterThanOrEqualTo(1));
            Assert.That(await ReadAsync("subject=old-subject"), Is.Empty);
            Assert.That(await ReadAsync("subject=recent-subject"), Has.Count.EqualTo(1), "the default retention is 90 days");
        });
    }

    private async Task FailSignInAsync(string userName)
    {
        using var browser = NewBrowser();
        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var refused = await browser.SignInAsync(challenge, userName, "wrong-password-0");
    }

    private async Task<string> UserIdAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        var users = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListUsers());
        return users.Single(u => u.UserName == userName).Id;
    }

    private async Task<string> AllStoredTextAsync()
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var entries = await db.AuditEntries.AsNoTracking().ToListAsync();
        return JsonSerializer.Serialize(entries);
    }

    private async Task<HttpResponseMessage> SendAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/audit" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OAuth.GetAccessTokenAsync(TestSeed.AdminClient, "admin"));
        return await Server.Client.SendAsync(request);
    }

    private async Task<List<JsonElement>> ReadAsync(string query)
    {
        using var response = await SendAsync("?" + query);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("entries").EnumerateArray().ToList();
    }

    /// <summary>
    /// Records reach the table in batches just after the request: the server's writer is flushed, then the records
    /// are read until enough are there (records from other processes flush on their own), for 30 seconds at most.
    /// </summary>
    private async Task<List<JsonElement>> EventuallyAsync(string query, int count)
    {
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        var entries = await Eventually.ReadAsync(() => ReadAsync(query), e => e.Count >= count, TimeSpan.FromSeconds(30));
        Assert.That(entries, Has.Count.GreaterThanOrEqualTo(count), query);
        return entries;
    }
}
