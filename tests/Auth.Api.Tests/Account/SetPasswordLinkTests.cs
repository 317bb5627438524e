using System.Net;
using Auth.Api.Tests.Admin;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Account;

/// <summary>
/// The one-time "set your password" link (issue #17): an operator creates it (admin API or command line), the person
/// opens it and chooses a password. It works once, expires, is replaced by a newer link, cannot be guessed, and its
/// form needs the page's antiforgery token.
/// </summary>
public sealed class SetPasswordLinkTests(StoreKind store) : UserFlowTest(store)
{
    private const string Chosen = "chosen-through-the-link-9";

    [Test]
    public async Task A_provisioned_user_without_a_password_sets_one_through_the_link_once()
    {
        var api = await AdminAsync();
        var userName = "link-" + Guid.NewGuid().ToString("N")[..10];
        var created = await api.SendAsync(HttpMethod.Post, "/admin/v1/users", new { user_name = userName, email = userName + "@example.com" });
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var userId = created.Body.GetProperty("id").GetString()!;

        var link = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{userId}/password-link", new { });
        Assert.That(link.Status, Is.EqualTo(HttpStatusCode.OK), link.ToString());
        var url = link.Body.GetProperty("url").GetString()!;
        using var browser = NewBrowser();
        var (set, page) = await SetPasswordAsync(browser, url, Chosen);
        var (again, _) = await SetPasswordAsync(browser, url, Chosen + "-again");
        using var signIn = await SignInThroughAsync(NewBrowser(), AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), userName, Chosen);
        var audited = await AuditAsync(userId);

        Assert.Multiple(async () =>
        {
            Assert.That(url, Does.StartWith(new Uri(Server.BaseAddress, "/account/set-password?token=").AbsoluteUri));
            Assert.That(DateTimeOffset.Parse(link.Body.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(Server.Clock.GetUtcNow().AddHours(24)).Within(TimeSpan.FromMinutes(1)), "24 hours by default");
            Assert.That(link.Text, Does.Not.Contain("hash"));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the link opens the form");
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await set.Content.ReadAsStringAsync(), Does.Contain("Your password is set").And.Contain(userName));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a link works once");
            Assert.That(CallbackParameters(signIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "the chosen password signs in");
            Assert.That(audited.Select(e => (e.EventType, e.Outcome)), Does.Contain(("user.password_link_created", "success")).And.Contain(("user.password_set_by_link", "success")));
            Assert.That(audited.Single(e => e.EventType == "user.password_link_created").Actor, Is.EqualTo("client:" + TestSeed.AdminUsersWriter.Id));
            var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
            Assert.That(audited.Select(e => e.Detail ?? string.Empty), Has.None.Contains(token), "never the link in the audit log");
            Assert.That(await StoredTokenHashesAsync(), Has.None.EqualTo(token), "only the token's hash is stored");
        });
        browser.Dispose();
    }

    [Test]
    public async Task Setting_a_password_with_the_link_ends_the_users_sessions_and_tokens()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);
        var (_, tokens) = await SignedInTokensOfAsync(user);
        var url = await LinkAsync(id);

        using var browser = NewBrowser();
        var (set, _) = await SetPasswordAsync(browser, url, Chosen);

        Assert.Multiple(async () =>
        {
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StoredSessions.OfAsync(Server, user), Is.Empty, "the user's sessions end");
            Assert.That(await OAuth.IsActiveAsync(tokens.GetProperty("access_token").GetString()!, TestSeed.WebApp), Is.False, "and their tokens");
        });
    }

    [Test]
    public async Task A_link_expires_and_a_newer_link_replaces_an_earlier_one()
    {
        var id = await StoredSessions.UserIdAsync(Server, await CreateUserAsync());
        var first = await LinkAsync(id, validFor: 300);
        var second = await LinkAsync(id, validFor: 300);

        using var browser = NewBrowser();
        using var firstPage = await browser.GetAsync(first);
        Server.Clock.Advance(TimeSpan.FromSeconds(301));
        using var secondPage = await browser.GetAsync(second);
        var (secondSet, _) = await SetPasswordAsync(browser, second, Chosen);

        Assert.Multiple(async () =>
        {
            Assert.That(firstPage.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "replaced by the newer link");
            Assert.That(await firstPage.Content.ReadAsStringAsync(), Does.Contain("This link cannot be used").And.Not.Contain("name=\"NewPassword\""));
            Assert.That(secondPage.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "expired after its 300 seconds");
            Assert.That(secondSet.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [TestCase("guessed")]
    [TestCase("")]
    [TestCase("one-too-long")]
    public async Task A_guessed_empty_or_oversized_token_opens_nothing(string kind)
    {
        var user = await CreateUserAsync();
        await LinkAsync(await StoredSessions.UserIdAsync(Server, user));
        var token = kind switch
        {
            "guessed" => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            "" => string.Empty,
            _ => new string('a', 129),
        };

        using var browser = NewBrowser();
        using var page = await browser.GetAsync("/account/set-password?token=" + token);
        using var forged = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), "/account/set-password",
            new Dictionary<string, string> { ["Token"] = token, ["NewPassword"] = Chosen, ["ConfirmPassword"] = Chosen });
        using var signIn = await SignInThroughAsync(NewBrowser(), AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(CallbackParameters(signIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "the password is unchanged");
        });
    }

    [Test]
    public async Task The_form_needs_its_antiforgery_token_and_two_uses_at_once_set_one_password()
    {
        var user = await CreateUserAsync();
        var url = await LinkAsync(await StoredSessions.UserIdAsync(Server, user));
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

        using var forger = NewBrowser();
        using var forged = await forger.Http.PostAsync("/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = token,
            ["NewPassword"] = Chosen,
            ["ConfirmPassword"] = Chosen,
        }));

        using var one = NewBrowser();
        using var two = NewBrowser();
        using var pageOne = await one.GetAsync(url);
        using var pageTwo = await two.GetAsync(url);
        var both = await Task.WhenAll(
            one.SubmitFormAsync(await pageOne.Content.ReadAsStringAsync(), "/account/set-password", new Dictionary<string, string> { ["NewPassword"] = Chosen + "-one", ["ConfirmPassword"] = Chosen + "-one" }),
            two.SubmitFormAsync(await pageTwo.Content.ReadAsStringAsync(), "/account/set-password", new Dictionary<string, string> { ["NewPassword"] = Chosen + "-two", ["ConfirmPassword"] = Chosen + "-two" }));

        Assert.Multiple(() =>
        {
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "no antiforgery token, no password");
            Assert.That(both.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest }), "one use wins, the other is refused");
        });
        foreach (var response in both)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Links_for_unknown_or_disabled_users_or_out_of_range_lifetimes_are_refused()
    {
        var api = await AdminAsync();
        var disabled = await CreateUserAsync();
        await DeactivateAsync(disabled);
        var disabledId = await StoredSessions.UserIdAsync(Server, disabled);
        var someone = await StoredSessions.UserIdAsync(Server, await CreateUserAsync());

        var unknown = await api.SendAsync(HttpMethod.Post, "/admin/v1/users/no-such-user/password-link", new { });
        var ofDisabled = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{disabledId}/password-link", new { });
        var tooShort = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{someone}/password-link", new { valid_for = 60 });
        var tooLong = await api.SendAsync(HttpMethod.Post, $"/admin/v1/users/{someone}/password-link", new { valid_for = 8 * 86_400 });

        Assert.Multiple(() =>
        {
            Assert.That((unknown.Status, unknown.Error), Is.EqualTo((HttpStatusCode.NotFound, "not_found")));
            Assert.That((ofDisabled.Status, ofDisabled.Error), Is.EqualTo((HttpStatusCode.Conflict, "conflict")));
            Assert.That(tooShort.Status, Is.EqualTo(HttpStatusCode.BadRequest), tooShort.ToString());
            Assert.That(tooShort.Fields, Does.Contain("valid_for"));
            Assert.That(tooLong.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Sending_a_link_without_e_mail_configured_is_a_conflict_and_makes_no_link()
    {
        var user = await CreateUserAsync();
        var id = await StoredSessions.UserIdAsync(Server, user);

        var sent = await (await AdminAsync()).SendAsync(HttpMethod.Post, $"/admin/v1/users/{id}/password-link", new { send = true });
        var cli = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, "users", "password", "link", "--name", user, "--send");

        Assert.Multiple(async () =>
        {
            Assert.That((sent.Status, sent.Error), Is.EqualTo((HttpStatusCode.Conflict, "conflict")), sent.ToString());
            Assert.That(sent.Body.GetProperty("error_description").GetString(), Does.Contain("E-mail is not configured (Smtp:Host)"));
            Assert.That(sent.Text, Does.Not.Contain("token"));
            Assert.That(cli.ExitCode, Is.EqualTo(1));
            Assert.That(cli.Error, Does.Contain("E-mail is not configured"));
            Assert.That(cli.Output, Is.Empty);
            Assert.That(await StoredTokenHashesOfAsync(id), Is.Empty, "no link made");
        });
    }

    [Test]
    public async Task The_command_line_prints_a_link_that_works()
    {
        var user = await CreateUserAsync();

        var created = await AuthExecutable.RunAsync(Server.Store, Server.BaseAddress, "users", "password", "link", "--name", user, "--valid-for", "1h");
        Assert.That(created.ExitCode, Is.Zero, created.Error);
        using var browser = NewBrowser();
        var (set, _) = await SetPasswordAsync(browser, created.Output.Trim(), Chosen);

        Assert.Multiple(() =>
        {
            Assert.That(created.Output.Trim(), Does.StartWith(new Uri(Server.BaseAddress, "/account/set-password?token=").AbsoluteUri), "the link alone on standard output");
            Assert.That(created.Error, Does.Contain("works once"));
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private async Task<(HttpResponseMessage Set, HttpResponseMessage Page)> SetPasswordAsync(UserAgent browser, string url, string password)
    {
        var page = await browser.GetAsync(url);
        var set = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), "/account/set-password",
            new Dictionary<string, string> { ["NewPassword"] = password, ["ConfirmPassword"] = password });
        return (set, page);
    }

    private async Task<string> LinkAsync(string userId, int? validFor = null)
    {
        var link = await (await AdminAsync()).SendAsync(HttpMethod.Post, $"/admin/v1/users/{userId}/password-link", validFor is null ? new { } : new { valid_for = validFor });
        Assert.That(link.Status, Is.EqualTo(HttpStatusCode.OK), link.ToString());
        return link.Body.GetProperty("url").GetString()!;
    }

    private async Task<(string UserName, System.Text.Json.JsonElement Tokens)> SignedInTokensOfAsync(string user)
    {
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce);
        return (user, await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier));
    }

    private async Task<List<Auth.Domain.Audit.AuditEntry>> AuditAsync(string userId)
    {
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking().Where(e => e.SubjectId == userId).ToListAsync();
    }

    private async Task<List<string>> StoredTokenHashesAsync()
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().PasswordSetupLinks.AsNoTracking().Select(l => l.TokenHash).ToListAsync();
    }

    private async Task<List<string>> StoredTokenHashesOfAsync(string userId)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().PasswordSetupLinks.AsNoTracking().Where(l => l.UserId == userId).Select(l => l.TokenHash).ToListAsync();
    }

    private async Task<AdminApi> AdminAsync() =>
        new(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersRead + " " + AdminScopes.UsersWrite));
}
