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
/// The admin API's changes to users (issue #16, scope admin.users.write), over real HTTP: each change shows in what the
/// user can do next (sign in, refresh, introspect), refusals are 400/404/409/412 in the documented shape, and a token
/// that may only read is refused every write.
/// </summary>
public sealed class AdminUserWriteTests(StoreKind store) : UserFlowTest(store)
{
    private const string NewPassword = "a-new-password-for-2026";

    [Test]
    public async Task A_created_user_signs_in_with_the_password_and_the_change_is_audited_with_the_caller()
    {
        var userName = "created-" + Guid.NewGuid().ToString("N")[..8];
        var api = await WriterAsync();

        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/users", new Dictionary<string, object?>
        {
            ["user_name"] = userName,
            ["password"] = Password,
            ["display_name"] = "Created Example",
            ["given_name"] = "Created",
            ["family_name"] = "Example",
            ["email"] = userName + "@example.com",
        });
        var id = created.Body.GetProperty("id").GetString()!;
        var signedIn = await SignsInAsync(userName);
        var audited = await AuditedAsync("user.registered", id);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
            Assert.That(created.Location is null ? null : new Uri(created.Location).AbsolutePath, Is.EqualTo("/admin/v1/users/" + id));
            Assert.That(created.ETag, Does.Match("^\"[0-9]+\"$"));
            Assert.That(created.Body.GetProperty("user_name").GetString(), Is.EqualTo(userName));
            Assert.That(created.Body.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(created.Text, Does.Not.Contain(Password), "the password never comes back");
            Assert.That(signedIn, Is.True, "the user signs in with the password");
            Assert.That(audited.Select(e => e.Actor), Is.EqualTo(new[] { "client:" + TestSeed.AdminUsersWriter.Id }), "audited with the caller as its actor");
        });
    }

    [Test]
    public async Task A_taken_user_name_is_a_conflict_whatever_its_case()
    {
        var userName = await CreateUserAsync();
        var api = await WriterAsync();

        var again = await api.SendAsync(HttpMethod.Post, "/admin/v1/users", new Dictionary<string, object?> { ["user_name"] = userName.ToUpperInvariant() });

        Assert.That((again.Status, again.Error), Is.EqualTo((HttpStatusCode.Conflict, "conflict")), again.ToString());
    }

    [Test]
    public async Task A_weak_password_or_a_missing_user_name_is_refused_naming_the_field()
    {
        var api = await WriterAsync();
        var userName = "weak-" + Guid.NewGuid().ToString("N")[..8];

        var weak = await api.SendAsync(HttpMethod.Post, "/admin/v1/users", new Dictionary<string, object?> { ["user_name"] = userName, ["password"] = "short" });
        var nameless = await api.SendAsync(HttpMethod.Post, "/admin/v1/users", new Dictionary<string, object?> { ["password"] = Password });
        var list = await api.SendAsync(HttpMethod.Get, "/admin/v1/users?user_name_prefix=" + userName);

        Assert.Multiple(() =>
        {
            Assert.That((weak.Status, weak.Error), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_request")), weak.ToString());
            Assert.That(weak.Fields, Is.EqualTo(new[] { "password" }), weak.ToString());
            Assert.That(weak.Text, Does.Not.Contain("short"), "the refused password is not echoed");
            Assert.That(nameless.Status, Is.EqualTo(HttpStatusCode.BadRequest), nameless.ToString());
            Assert.That(nameless.Fields, Does.Contain("user_name"), nameless.ToString());
            Assert.That(list.Body.GetProperty("items").GetArrayLength(), Is.Zero, "nothing was created");
        });
    }

    [Test]
    public async Task A_profile_change_with_a_stale_if_match_is_refused_and_changes_nothing()
    {
        var id = await StoredSessions.UserIdAsync(Server, await CreateUserAsync());
        var api = await WriterAsync();
        var read = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}");

        var first = await api.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}", Profile("First Change"), ifMatch: read.ETag);
        var stale = await api.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}", Profile("Second Change"), ifMatch: read.ETag);
        var unconditional = await api.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}", Profile("Third Change", email: "not an address"));
        var after = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(read.ETag, Is.Not.Null);
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
            Assert.That(first.ETag, Is.Not.EqualTo(read.ETag), "a change moves the ETag");
            Assert.That(first.Body.GetProperty("display_name").GetString(), Is.EqualTo("First Change"));
            Assert.That((stale.Status, stale.Error), Is.EqualTo((HttpStatusCode.PreconditionFailed, "precondition_failed")), stale.ToString());
            Assert.That(unconditional.Fields, Is.EqualTo(new[] { "email" }), unconditional.ToString());
            Assert.That(after.Body.GetProperty("display_name").GetString(), Is.EqualTo("First Change"), "the stale change changed nothing");
            Assert.That(after.ETag, Is.EqualTo(first.ETag));
        });
    }

    [Test]
    public async Task A_user_a_scim_client_provisioned_keeps_the_directorys_profile()
    {
        var id = await StoredSessions.UserIdAsync(Server, await CreateUserAsync());
        using (var scope = Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.SetExternalId("00u-directory-id", TestSeed.ScimClient.Id);
            await db.SaveChangesAsync();
        }

        var api = await WriterAsync();
        var changed = await api.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}", Profile("Not The Directory's"));

        Assert.Multiple(() =>
        {
            Assert.That((changed.Status, changed.Error), Is.EqualTo((HttpStatusCode.Conflict, "conflict")), changed.ToString());
            Assert.That(changed.Body.GetProperty("error_description").GetString(), Does.Contain(TestSeed.ScimClient.Id));
        });
    }

    [Test]
    public async Task Disabling_ends_the_users_tokens_and_session_and_enabling_lets_them_sign_in_again()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var accessToken = (await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)).GetProperty("access_token").GetString()!;
        var api = await WriterAsync();

        var disabled = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/disable");
        var disabledAgain = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/disable");
        var tokenActive = await OAuth.IsActiveAsync(accessToken, TestSeed.WebApp);
        using var silent = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none")]));
        var refusedSignIn = await SignsInAsync(user);
        var enabled = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/enable");
        var enabledAgain = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/enable");
        var signedIn = await SignsInAsync(user);

        Assert.Multiple(() =>
        {
            Assert.That((disabled.Status, disabledAgain.Status), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), disabledAgain.ToString());
            Assert.That(disabledAgain.Body.GetProperty("active").GetBoolean(), Is.False);
            Assert.That(tokenActive, Is.False, "the access token is inactive at introspection");
            Assert.That(CallbackParameters(silent, TestSeed.WebAppCallback).GetValueOrDefault("error"), Is.EqualTo("login_required"), "the session ended");
            Assert.That(refusedSignIn, Is.False, "a disabled user cannot sign in");
            Assert.That((enabled.Status, enabledAgain.Status), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), enabledAgain.ToString());
            Assert.That(enabledAgain.Body.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(signedIn, Is.True, "enabled, the user signs in again");
        });
    }

    [Test]
    public async Task Unlocking_lifts_a_lockout_at_once()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        for (var i = 0; i < 5; i++)
        {
            await SignsInAsync(user, "wrong-" + i);
        }

        var api = await WriterAsync();
        var locked = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}");
        var refused = await SignsInAsync(user);
        var unlocked = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/unlock");
        var signedIn = await SignsInAsync(user);

        Assert.Multiple(() =>
        {
            Assert.That(locked.Body.GetProperty("locked_until").ValueKind, Is.EqualTo(JsonValueKind.String), locked.ToString());
            Assert.That(refused, Is.False, "locked out, even the right password is refused");
            Assert.That(unlocked.Status, Is.EqualTo(HttpStatusCode.OK), unlocked.ToString());
            Assert.That(unlocked.Body.GetProperty("locked_until").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(signedIn, Is.True, "unlocked, the right password signs in");
        });
    }

    [Test]
    public async Task A_deleted_user_is_gone_and_their_token_is_inactive()
    {
        var (user, tokens) = await SignedInTokensAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        var api = await WriterAsync();

        var deleted = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}");
        var read = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}");
        var again = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}");
        var tokenActive = await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp);
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent), deleted.ToString());
            Assert.That((read.Status, read.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")));
            Assert.That((again.Status, again.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")));
            Assert.That(tokenActive, Is.False, "the access token is inactive at introspection");
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the refresh token is refused");
        });
    }

    [Test]
    public async Task A_password_set_by_an_operator_replaces_the_old_one_and_is_never_written_down()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        var api = await WriterAsync();

        var weak = await api.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}/password", new Dictionary<string, object?> { ["password"] = "short" });
        var set = await api.SendAsync(HttpMethod.Put, $"/admin/v1/users/{id}/password", new Dictionary<string, object?> { ["password"] = NewPassword });
        var old = await SignsInAsync(user);
        var signedIn = await SignsInAsync(user, NewPassword);
        var audited = await AuditedAsync("user.password_set", id);

        Assert.Multiple(() =>
        {
            Assert.That(weak.Fields, Is.EqualTo(new[] { "password" }), weak.ToString());
            Assert.That(set.Status, Is.EqualTo(HttpStatusCode.NoContent), set.ToString());
            Assert.That(old, Is.False, "the old password is refused");
            Assert.That(signedIn, Is.True, "the new one signs in");
            Assert.That(audited, Has.Count.EqualTo(1));
            Assert.That(audited.Select(e => e.Detail ?? string.Empty), Has.None.Contain(NewPassword), "the password is not audited");
        });
    }

    [Test]
    public async Task After_a_second_factor_reset_the_password_alone_signs_in()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        await Authenticator.EnrolAsync(Server, user);
        var asked = await SignsInAsync(user);
        var api = await WriterAsync();

        var reset = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}/mfa");
        var signedIn = await SignsInAsync(user);
        using var scope = Server.Services.CreateScope();
        var enrolled = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().TotpAuthenticators.AnyAsync(a => a.UserId == id);

        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.False, "enrolled, the sign-in asks for the code");
            Assert.That(reset.Status, Is.EqualTo(HttpStatusCode.NoContent), reset.ToString());
            Assert.That(enrolled, Is.False, "the enrolment is gone");
            Assert.That(signedIn, Is.True, "the password alone signs in");
        });
    }

    [Test]
    public async Task A_token_that_may_only_read_users_is_refused_every_write()
    {
        var id = await StoredSessions.UserIdAsync(Server, await CreateUserAsync());
        var reader = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersReader, AdminScopes.UsersRead));
        var writes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, "/admin/v1/users", new Dictionary<string, object?> { ["user_name"] = "never-" + id }),
            (HttpMethod.Put, $"/admin/v1/users/{id}", Profile("Never")),
            (HttpMethod.Post, $"/admin/v1/users/{id}/disable", null),
            (HttpMethod.Delete, $"/admin/v1/users/{id}", null),
            (HttpMethod.Put, $"/admin/v1/users/{id}/password", new Dictionary<string, object?> { ["password"] = NewPassword }),
        };

        foreach (var (method, path, body) in writes)
        {
            var refused = await reader.SendAsync(method, path, body);
            Assert.That((refused.Status, refused.Error), Is.EqualTo((HttpStatusCode.Forbidden, "insufficient_scope")), $"{method} {path}: {refused}");
        }

        var user = await reader.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}");
        Assert.That(user.Body.GetProperty("active").GetBoolean(), Is.True, "nothing changed");
    }

    [Test]
    public async Task Every_user_route_answers_not_found_for_an_unknown_id()
    {
        var api = await WriterAsync();
        var path = "/admin/v1/users/" + Guid.NewGuid().ToString("N");
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, path, null),
            (HttpMethod.Put, path, Profile("Nobody")),
            (HttpMethod.Delete, path, null),
            (HttpMethod.Post, path + "/disable", null),
            (HttpMethod.Post, path + "/enable", null),
            (HttpMethod.Post, path + "/unlock", null),
            (HttpMethod.Put, path + "/password", new Dictionary<string, object?> { ["password"] = NewPassword }),
            (HttpMethod.Delete, path + "/mfa", null),
            (HttpMethod.Get, path + "/sessions", null),
            (HttpMethod.Delete, path + "/sessions/" + Guid.NewGuid().ToString("N"), null),
            (HttpMethod.Get, path + "/consents", null),
            (HttpMethod.Delete, path + "/consents/" + TestSeed.PartnerApp.Id, null),
        };

        foreach (var (method, route, body) in calls)
        {
            var answer = await api.SendAsync(method, route, body);
            Assert.That((answer.Status, answer.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")), $"{method} {route}: {answer}");
        }
    }

    /// <summary>Whether the user, signing in to the web app in a fresh browser, gets a code without a second factor.</summary>
    private async Task<bool> SignsInAsync(string userName, string password = Password)
    {
        using var browser = NewBrowser();
        using var response = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), userName, password);
        return response.StatusCode == HttpStatusCode.Redirect && UserAgent.QueryOf(response.Headers.Location!).ContainsKey("code");
    }

    private static Dictionary<string, object?> Profile(string displayName, string? email = null) => new()
    {
        ["display_name"] = displayName,
        ["given_name"] = "Given",
        ["family_name"] = "Family",
        ["email"] = email,
    };

    private async Task<AdminApi> WriterAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));

    private async Task<List<Auth.Domain.Audit.AuditEntry>> AuditedAsync(string eventType, string userId)
    {
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EventType == eventType && e.SubjectId == userId).ToListAsync();
    }
}
