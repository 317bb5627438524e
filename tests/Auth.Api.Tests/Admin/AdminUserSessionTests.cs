using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;

namespace Auth.Api.Tests.Admin;

/// <summary>
/// A user's sessions and consents through the admin API (issue #16): listed with admin.users.read, ended or withdrawn
/// with admin.users.write, and what was ended stops working at once: the session's cookie, the client's tokens.
/// </summary>
public sealed class AdminUserSessionTests(StoreKind store) : UserFlowTest(store)
{
    private const string PartnerScope = "openid profile orders.read";

    [Test]
    public async Task An_ended_session_no_longer_signs_its_cookie_in_and_the_others_stay()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        using var first = NewBrowser();
        using var second = NewBrowser();
        await SignInThroughAsync(first, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var firstSession = (await StoredSessions.OfAsync(Server, user)).Single().Id;
        await SignInThroughAsync(second, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var stored = (await StoredSessions.OfAsync(Server, user)).Select(s => s.Id).ToList();
        var api = await WriterAsync();

        var listed = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}/sessions");
        var ended = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}/sessions/{firstSession}");
        var endedAgain = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}/sessions/{firstSession}");
        var afterwards = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}/sessions");

        Assert.Multiple(async () =>
        {
            Assert.That(listed.Status, Is.EqualTo(HttpStatusCode.OK), listed.ToString());
            Assert.That(Ids(listed), Is.EquivalentTo(stored).And.Count.EqualTo(2));
            Assert.That(listed.Body.GetProperty("items")[0].GetProperty("clients").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { TestSeed.WebApp.Id }));
            Assert.That(listed.Body.GetProperty("items")[0].GetProperty("amr").EnumerateArray().Select(c => c.GetString()), Does.Contain("pwd"));
            Assert.That(ended.Status, Is.EqualTo(HttpStatusCode.NoContent), ended.ToString());
            Assert.That((endedAgain.Status, endedAgain.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")));
            Assert.That(Ids(afterwards), Has.Count.EqualTo(1).And.No.EqualTo(firstSession));
            Assert.That((await SilentlyAsync(first)).GetValueOrDefault("error"), Is.EqualTo("login_required"), "the ended session's cookie signs no one in");
            Assert.That(await SilentlyAsync(second), Does.ContainKey("code"), "the other session goes on");
        });
    }

    [Test]
    public async Task Another_users_session_cannot_be_ended_through_this_user()
    {
        var owner = await CreateUserAsync();
        var other = await StoredSessions.UserIdAsync(Server, await CreateUserAsync());
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), owner);
        var session = (await StoredSessions.OfAsync(Server, owner)).Single().Id;
        var api = await WriterAsync();

        var ended = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{other}/sessions/{session}");

        Assert.Multiple(async () =>
        {
            Assert.That((ended.Status, ended.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")), ended.ToString());
            Assert.That(await SilentlyAsync(browser), Does.ContainKey("code"), "the session goes on");
        });
    }

    [Test]
    public async Task A_withdrawn_consent_is_gone_from_the_list_and_the_apps_token_is_inactive()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        var pkce = Pkce.Create();
        using var browser = NewBrowser();
        using var consent = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, PartnerScope, pkce), user);
        using var allowed = await browser.SubmitFormAsync(await consent.Content.ReadAsStringAsync(), "/oauth/authorize", new Dictionary<string, string>(), button: "consent=accept");
        var code = CallbackParameters(allowed, TestSeed.PartnerCallback)["code"];
        var accessToken = (await RedeemForTokensAsync(TestSeed.PartnerApp, code, TestSeed.PartnerCallback, pkce.Verifier)).GetProperty("access_token").GetString()!;
        var api = await WriterAsync();

        var listed = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}/consents");
        var unknownClient = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}/consents/no-such-client");
        var withdrawn = await api.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}/consents/{TestSeed.PartnerApp.Id}");
        var afterwards = await api.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}/consents");
        var tokenActive = await OAuth.IsActiveAsync(accessToken, TestSeed.PartnerApp);
        using var again = await browser.GetAsync(AuthorizeUrl(TestSeed.PartnerApp.Id, TestSeed.PartnerCallback, PartnerScope, Pkce.Create()));

        Assert.Multiple(async () =>
        {
            Assert.That(listed.Status, Is.EqualTo(HttpStatusCode.OK), listed.ToString());
            Assert.That(listed.Body.GetProperty("items").GetArrayLength(), Is.EqualTo(1), listed.ToString());
            Assert.That(listed.Body.GetProperty("items")[0].GetProperty("client_id").GetString(), Is.EqualTo(TestSeed.PartnerApp.Id));
            Assert.That(listed.Body.GetProperty("items")[0].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Does.Contain(TestSeed.OrdersRead));
            Assert.That((unknownClient.Status, unknownClient.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")));
            Assert.That(withdrawn.Status, Is.EqualTo(HttpStatusCode.NoContent), withdrawn.ToString());
            Assert.That(afterwards.Body.GetProperty("items").GetArrayLength(), Is.Zero, afterwards.ToString());
            Assert.That(tokenActive, Is.False, "the app's token for the user is revoked");
            Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("Allow Partner Portal?"), "the next sign-in asks again");
        });
    }

    [Test]
    public async Task A_token_that_may_only_read_users_lists_sessions_and_consents_but_ends_nothing()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        var session = (await StoredSessions.OfAsync(Server, user)).Single().Id;
        var reader = new AdminApi(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersReader, AdminScopes.UsersRead));

        var sessions = await reader.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}/sessions");
        var consents = await reader.SendAsync(HttpMethod.Get, $"/admin/v1/users/{id}/consents");
        var ended = await reader.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}/sessions/{session}");
        var withdrawn = await reader.SendAsync(HttpMethod.Delete, $"/admin/v1/users/{id}/consents/{TestSeed.PartnerApp.Id}");

        Assert.Multiple(async () =>
        {
            Assert.That((sessions.Status, consents.Status), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
            Assert.That((ended.Status, ended.Error), Is.EqualTo((HttpStatusCode.Forbidden, "insufficient_scope")));
            Assert.That((withdrawn.Status, withdrawn.Error), Is.EqualTo((HttpStatusCode.Forbidden, "insufficient_scope")));
            Assert.That(await SilentlyAsync(browser), Does.ContainKey("code"), "the session goes on");
        });
    }

    private static IReadOnlyList<string> Ids(AdminReply page) =>
        [.. page.Body.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];

    private static async Task<Dictionary<string, string>> SilentlyAsync(UserAgent browser)
    {
        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(), extra: [("prompt", "none")]));
        return CallbackParameters(response, TestSeed.WebAppCallback);
    }

    private async Task<AdminApi> WriterAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
}
